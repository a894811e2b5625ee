package io.telops.callforward.api;

import java.io.IOException;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.telops.callforward.call.Voicemails;
import io.telops.callforward.line.ExpectedVersion;
import io.telops.callforward.line.ForwardingLine;
import io.telops.callforward.line.LineService;
import io.telops.callforward.line.LineSettings;
import io.telops.callforward.line.RentalRequest;
import io.telops.callforward.sms.SmsJobs;

/** Admin API for forwarding lines: admins create (renting numbers), update and release; operators read. */
@Path("/api/lines")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class LineResource {
    public record CreateLine(LineSettings settings, RentalRequest rental) {
    }

    public record LineView(String id, String status, Optional<String> forwardNumber, Optional<String> voicemailNumber,
                           Optional<String> appId, long version, Instant createdAt, Instant updatedAt, LineSettings settings) {
        static LineView of(ForwardingLine l) {
            return new LineView(l.id(), l.status().name(), l.forwardNumber(), l.voicemailNumber(), l.appId(), l.version(),
                    l.createdAt(), l.updatedAt(), l.settings());
        }
    }

    /** PUT body: the full settings, optionally with the {@code version} they were read at (instead of If-Match). */
    @JsonDeserialize(using = UpdateLine.Reader.class)
    public record UpdateLine(LineSettings settings, Optional<Long> version) {
        /** Takes {@code version} out of the object and reads the rest as settings, with the application's mapper. */
        static final class Reader extends StdDeserializer<UpdateLine> {
            Reader() {
                super(UpdateLine.class);
            }

            @Override
            public UpdateLine deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
                JsonNode tree = ctxt.readTree(p);
                if (!(tree instanceof ObjectNode body)) {
                    return ctxt.reportInputMismatch(UpdateLine.class, "the settings must be a JSON object");
                }
                JsonNode v = body.remove("version");
                if (v != null && !v.isNull() && !(v.isIntegralNumber() && v.canConvertToLong())) {
                    return ctxt.reportInputMismatch(UpdateLine.class, "version must be a whole number");
                }
                Optional<Long> version = v == null || v.isNull() ? Optional.empty() : Optional.of(v.asLong());
                return new UpdateLine(ctxt.readTreeAsValue(body, LineSettings.class), version);
            }
        }
    }

    public record SmsView(String id, String status, int attempts, Optional<String> lastError,
                          Optional<String> messageUuid, Optional<String> deliveryStatus) {
    }

    public record VoicemailView(String recordingId, String callUuid, String caller, String recordUrl, int durationSeconds,
                                Instant recordedAt, Optional<SmsView> sms) {
    }

    private final LineService lines;
    private final Voicemails voicemails;
    private final SmsJobs sms;

    LineResource(LineService lines, Voicemails voicemails, SmsJobs sms) {
        this.lines = lines;
        this.voicemails = voicemails;
        this.sms = sms;
    }

    @POST
    @RolesAllowed("admin")
    public Response create(CreateLine request) {
        if (request == null || request.settings() == null) {
            throw new IllegalArgumentException("settings are required");
        }
        RentalRequest rental = request.rental() == null
                ? new RentalRequest(null, null, Optional.empty(), Optional.empty(), false) : request.rental();
        ForwardingLine line = lines.create(request.settings(), rental);
        return Response.created(URI.create("/api/lines/" + line.id())).tag(EntityTags.of(line)).entity(LineView.of(line)).build();
    }

    @GET
    @RolesAllowed({"admin", "operator"})
    public List<LineView> list() {
        return lines.list().stream().map(LineView::of).toList();
    }

    /** The ETag is the line's version: send it back in If-Match to update. */
    @GET
    @Path("/{id}")
    @RolesAllowed({"admin", "operator"})
    public Response get(@PathParam("id") String id) {
        return tagged(lines.get(id));
    }

    /** Needs the version the client read: If-Match with the ETag (412 if stale) or {@code version} in the body (409); neither: 428. */
    @PUT
    @Path("/{id}")
    @RolesAllowed("admin")
    public Response update(@PathParam("id") String id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch, UpdateLine request) {
        if (request == null || request.settings() == null) {
            throw new IllegalArgumentException("settings are required");
        }
        return tagged(lines.update(id, request.settings(), new ExpectedVersion(EntityTags.ifMatch(ifMatch), request.version())));
    }

    @DELETE
    @Path("/{id}")
    @RolesAllowed("admin")
    public Response release(@PathParam("id") String id) {
        return tagged(lines.release(id));
    }

    private static Response tagged(ForwardingLine line) {
        return Response.ok(LineView.of(line)).tag(EntityTags.of(line)).build();
    }

    @GET
    @Path("/{id}/voicemails")
    @RolesAllowed({"admin", "operator"})
    public List<VoicemailView> voicemails(@PathParam("id") String id) {
        lines.get(id);
        List<Voicemails.Voicemail> list = voicemails.ofLine(id);
        Map<String, SmsJobs.SmsJob> jobs = sms.findAll(list.stream().map(Voicemails.Voicemail::smsId).toList()).stream()
                .collect(Collectors.toMap(SmsJobs.SmsJob::id, Function.identity()));
        return list.stream().map(v -> new VoicemailView(v.recordingId(), v.callUuid(), v.caller(), v.recordUrl(),
                v.durationSeconds(), v.recordedAt(), Optional.ofNullable(jobs.get(v.smsId())).map(j -> new SmsView(j.id(),
                        j.status().name(), j.attempts(), j.lastError(), j.messageUuid(), j.deliveryStatus())))).toList();
    }
}
