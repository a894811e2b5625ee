package io.telops.callforward.api;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.openapi.annotations.Operation;

import io.telops.callforward.call.CallbackService;
import io.telops.callforward.call.CallbackUrls;
import io.telops.callforward.plivoxml.PlivoElement.Hangup;
import io.telops.callforward.plivoxml.PlivoElement.Speak;
import io.telops.callforward.plivoxml.PlivoResponse;
import io.telops.callforward.signature.CallbackVerifier;
import io.telops.callforward.signature.FormParams;
import io.telops.callforward.signature.PlivoSignatureV2;
import io.telops.callforward.signature.PlivoSignatureV3;

/**
 * Plivo's callbacks: answer, Dial action, Record action, hangup, whisper (Dial confirmSound) and SMS status.
 * Each verifies Plivo's signature first (403 otherwise), then hands the parameters to {@link CallbackService}.
 * Both POST (form body) and GET (query) are accepted, as Plivo lets the application choose.
 */
@Path("/plivo")
public class PlivoCallbackResource {
    static final String XML = "text/xml";
    private static final int MAX_FORM = 64 * 1024;
    // what Plivo plays when the answer URL fails (the application's fallback_answer_url); also the benchmark's baseline
    private static final String FALLBACK = PlivoResponse.of(
            Speak.of("Sorry, we cannot take your call right now. Please try again later", "WOMAN", "en-US"),
            Hangup.normal()).toXml();

    private final CallbackService calls;
    private final CallbackVerifier verifier;

    PlivoCallbackResource(CallbackService calls, CallbackVerifier verifier) {
        this.calls = calls;
        this.verifier = verifier;
    }

    @POST
    @Path("/answer")
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Plivo answer URL (signature V3)")
    public Response answer(String body, @Context UriInfo uri, @Context HttpHeaders headers) {
        return voice("POST", body, uri, headers, p -> calls.answer(p, urls(uri)));
    }

    @GET
    @Path("/answer")
    public Response answerGet(@Context UriInfo uri, @Context HttpHeaders headers) {
        return voice("GET", "", uri, headers, p -> calls.answer(p, urls(uri)));
    }

    @POST
    @Path("/dial")
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Plivo Dial action URL: DialStatus decides the next leg (signature V3)")
    public Response dial(String body, @QueryParam("line") String line, @QueryParam("leg") String leg,
                         @Context UriInfo uri, @Context HttpHeaders headers) {
        return voice("POST", body, uri, headers, p -> calls.dialled(required(line, "line"), required(leg, "leg"), p, urls(uri)));
    }

    @GET
    @Path("/dial")
    public Response dialGet(@QueryParam("line") String line, @QueryParam("leg") String leg,
                            @Context UriInfo uri, @Context HttpHeaders headers) {
        return voice("GET", "", uri, headers, p -> calls.dialled(required(line, "line"), required(leg, "leg"), p, urls(uri)));
    }

    @POST
    @Path("/recorded")
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Plivo Record action URL: stores the voicemail, queues one SMS (signature V3)")
    public Response recorded(String body, @QueryParam("line") String line, @Context UriInfo uri, @Context HttpHeaders headers) {
        return voice("POST", body, uri, headers, p -> calls.recorded(required(line, "line"), p, urls(uri)));
    }

    @GET
    @Path("/recorded")
    public Response recordedGet(@QueryParam("line") String line, @Context UriInfo uri, @Context HttpHeaders headers) {
        return voice("GET", "", uri, headers, p -> calls.recorded(required(line, "line"), p, urls(uri)));
    }

    @POST
    @Path("/hangup")
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Plivo hangup URL (signature V3)")
    public Response hangup(String body, @Context UriInfo uri, @Context HttpHeaders headers) {
        return voice("POST", body, uri, headers, calls::hangup);
    }

    @GET
    @Path("/hangup")
    public Response hangupGet(@Context UriInfo uri, @Context HttpHeaders headers) {
        return voice("GET", "", uri, headers, calls::hangup);
    }

    @POST
    @Path("/whisper")
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Dial confirmSound: what the answering party hears before accepting (signature V3)")
    public Response whisper(String body, @QueryParam("line") String line, @Context UriInfo uri, @Context HttpHeaders headers) {
        return voice("POST", body, uri, headers, p -> calls.whisper(required(line, "line")));
    }

    @POST
    @Path("/message-status")
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Plivo SMS status callback (signature V2)")
    public Response messageStatus(String body, @QueryParam("sms") String sms, @Context UriInfo uri, @Context HttpHeaders headers) {
        limit(body);
        Map<String, String> params = FormParams.firstValues(FormParams.decode(body));
        verifier.messaging(uri.getRequestUri(), header(headers, PlivoSignatureV2.HEADER_NONCE),
                all(headers, PlivoSignatureV2.HEADER), all(headers, PlivoSignatureV2.HEADER_MAIN_ACCOUNT),
                () -> calls.messageStatus(required(sms, "sms"), params));
        return Response.ok().build();
    }

    @POST
    @Path("/fallback")
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Static XML for Plivo's fallback_answer_url; no lookup, no signature (nothing to protect)")
    public Response fallback() {
        return Response.ok(FALLBACK, XML).build();
    }

    @GET
    @Path("/fallback")
    public Response fallbackGet() {
        return fallback();
    }

    private Response voice(String method, String body, UriInfo uri, HttpHeaders headers,
                           Function<Map<String, String>, PlivoResponse> handler) {
        limit(body);
        String type = Optional.ofNullable(headers.getMediaType()).map(m -> m.getType() + "/" + m.getSubtype()).orElse("");
        Map<String, List<String>> form = "POST".equals(method) && (type.isEmpty() || type.equals(MediaType.APPLICATION_FORM_URLENCODED))
                ? FormParams.decode(body) : Map.of();
        Map<String, String> params = verifier.voice(method, uri.getRequestUri(), form,
                header(headers, PlivoSignatureV3.HEADER_NONCE), all(headers, PlivoSignatureV3.HEADER),
                all(headers, PlivoSignatureV3.HEADER_MAIN_ACCOUNT));
        return Response.ok(handler.apply(params).toXml(), XML).build();
    }

    private CallbackUrls urls(UriInfo uri) {
        return new CallbackUrls(verifier.publicBase(uri.getRequestUri()));
    }

    private static void limit(String body) {
        if (body != null && body.length() > MAX_FORM) {
            throw new IllegalArgumentException("callback body larger than " + MAX_FORM + " bytes");
        }
    }

    private static String required(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("query parameter " + name + " is missing");
        }
        return value;
    }

    private static Optional<String> header(HttpHeaders headers, String name) {
        return Optional.ofNullable(headers.getHeaderString(name)).filter(s -> !s.isBlank());
    }

    private static List<String> all(HttpHeaders headers, String name) {
        List<String> values = headers.getRequestHeader(name);
        return values == null ? List.of() : values;
    }

}
