package io.telops.callforward.fake;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;

import io.telops.callforward.fake.ParsedPlivoXml.El;
import io.telops.callforward.signature.FormParams;
import io.telops.callforward.signature.PlivoSignatureV2;
import io.telops.callforward.signature.PlivoSignatureV3;
import io.telops.callforward.signature.SignedRequest;

/**
 * Plays Plivo's side of an inbound call against the service: requests the answer URL with signed parameters,
 * runs the XML it gets (Speak, Dial, Record, Hangup, Redirect), reports each Dial's DialStatus to its action
 * URL, fetches the whisper (confirmSound), posts the recording to the Record action, and finally the hangup URL.
 * Plivo calls public URLs; like a reverse proxy, the driver sends them to the service on loopback, signed over
 * the public URL.
 */
public final class PlivoCallDriver {
    /** How a dialled target behaves: answers (completed) or a DialStatus for failure. */
    public record Callee(String dialStatus, boolean pressesConfirmKey) {
        public static Callee answers() {
            return new Callee("completed", true);
        }

        public static Callee doesNotAnswer() {
            return new Callee("no-answer", false);
        }

        public static Callee busy() {
            return new Callee("busy", false);
        }

        /** A mobile whose own voicemail picks up: it "answers" but never presses the confirm key. */
        public static Callee ownVoicemail() {
            return new Callee("completed", false);
        }
    }

    /** What the caller does when asked to leave a message. */
    public record Message(int seconds) {
    }

    /** One thing that happened during the call, in order. */
    public record Step(String kind, String detail) {
        @Override
        public String toString() {
            return kind + ":" + detail;
        }
    }

    public record Call(String callUuid, List<Step> steps, List<ParsedPlivoXml> documents, Optional<Map<String, String>> recordParams) {
        public List<String> kinds() {
            return steps.stream().map(Step::kind).toList();
        }

        public List<String> spoken() {
            return steps.stream().filter(s -> s.kind().equals("speak")).map(Step::detail).toList();
        }

        public List<String> dials() {
            return steps.stream().filter(s -> s.kind().equals("dial")).map(Step::detail).toList();
        }
    }

    private final URI publicBase;
    private final URI localBase;
    private final String authToken;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public PlivoCallDriver(URI publicBase, URI localBase, String authToken) {
        this.publicBase = publicBase;
        this.localBase = localBase;
        this.authToken = authToken;
    }

    /**
     * A driver signing with the fake's token, for a test that reaches the service at {@code testHttpResource}
     * (Quarkus' {@code @TestHTTPResource("/")}, which ends in a slash) while Plivo signs {@code publicBase}.
     */
    public static PlivoCallDriver towards(URI publicBase, URI testHttpResource) {
        String local = testHttpResource.toString();
        return new PlivoCallDriver(publicBase, URI.create(local.endsWith("/") ? local.substring(0, local.length() - 1) : local),
                PlivoFake.AUTH_TOKEN);
    }

    /** Calls {@code to} from {@code from}; {@code callees} maps a SIP URI or number to its behaviour (default: no answer). */
    public Call call(String from, String to, Map<String, Callee> callees, Optional<Message> message) {
        String callUuid = UUID.randomUUID().toString();
        Map<String, String> base = new LinkedHashMap<>();
        base.put("CallUUID", callUuid);
        base.put("From", from);
        base.put("To", to);
        base.put("Direction", "inbound");
        base.put("CallStatus", "in-progress");
        List<Step> steps = new ArrayList<>();
        List<ParsedPlivoXml> docs = new ArrayList<>();
        Optional<Map<String, String>> recordParams = Optional.empty();
        Map<String, String> answer = new LinkedHashMap<>(base);
        answer.put("Event", "StartApp");
        answer.put("CallStatus", "ringing");
        ParsedPlivoXml doc = xml(post(publicBase.resolve("/plivo/answer"), answer));
        docs.add(doc);
        int guard = 0;
        boolean ended = false;
        outer:
        while (!ended && guard++ < 20) {
            for (El el : doc.elements()) {
                switch (el.name()) {
                    case "Speak" -> steps.add(new Step("speak", el.text()));
                    case "Play", "Wait" -> steps.add(new Step(el.name().toLowerCase(), el.text()));
                    case "Hangup" -> {
                        steps.add(new Step("hangup", Optional.ofNullable(el.attr("reason")).orElse("")));
                        ended = true;
                        break outer;
                    }
                    case "Dial" -> {
                        Optional<ParsedPlivoXml> next = dial(el, base, callees, steps);
                        if (next.isPresent()) {
                            doc = next.get();
                            docs.add(doc);
                            continue outer;
                        }
                    }
                    case "Record" -> {
                        Map<String, String> p = new LinkedHashMap<>(base);
                        p.put("Event", "Record");
                        if (message.isPresent()) {
                            String rid = UUID.randomUUID().toString();
                            int secs = message.get().seconds();
                            p.put("RecordUrl", "https://media.plivo.com/v1/Account/" + PlivoFake.AUTH_ID + "/Recording/" + rid + ".mp3");
                            p.put("RecordingDuration", String.valueOf(secs));
                            p.put("RecordingDurationMs", String.valueOf(secs * 1000L));
                            p.put("RecordingStartMs", "1700000000000");
                            p.put("RecordingEndMs", String.valueOf(1700000000000L + secs * 1000L));
                            p.put("RecordingID", rid);
                            steps.add(new Step("record", rid));
                        } else {
                            p.put("RecordUrl", "");
                            p.put("RecordingDuration", "-1");
                            steps.add(new Step("record", "none"));
                        }
                        recordParams = Optional.of(p);
                        ParsedPlivoXml answerDoc = xml(post(URI.create(el.attr("action")), p));
                        if (!"false".equals(el.attr("redirect"))) {
                            doc = answerDoc;
                            docs.add(doc);
                            continue outer;
                        }
                    }
                    case "Redirect" -> {
                        doc = xml(post(URI.create(el.text()), base));
                        docs.add(doc);
                        continue outer;
                    }
                    default -> throw new AssertionError("element Plivo does not know here: " + el.name());
                }
            }
            // the document ran out without a Hangup: Plivo hangs up
            ended = true;
        }
        Map<String, String> hangup = new LinkedHashMap<>(base);
        hangup.put("CallStatus", "completed");
        hangup.put("HangupCause", "NORMAL_CLEARING");
        hangup.put("Duration", "42");
        hangup.put("BillDuration", "60");
        post(publicBase.resolve("/plivo/hangup"), hangup);
        return new Call(callUuid, steps, docs, recordParams);
    }

    private Optional<ParsedPlivoXml> dial(El dial, Map<String, String> base, Map<String, Callee> callees, List<Step> steps) {
        List<String> targets = dial.children().stream().map(El::text).toList();
        String status = "no-answer";
        String answeredBy = null;
        for (String t : targets) {
            Callee c = callees.getOrDefault(t, Callee.doesNotAnswer());
            if (c.dialStatus().equals("completed")) {
                if (dial.attr("confirmSound") != null) {
                    ParsedPlivoXml whisper = xml(post(URI.create(dial.attr("confirmSound")), base));
                    whisper.elements().forEach(e -> {
                        if (!e.name().matches("Speak|Play|Wait")) {
                            throw new AssertionError("confirmSound XML may only hold Play, Wait, Speak: " + e.name());
                        }
                    });
                    steps.add(new Step("whisper", whisper.elements().stream().map(El::text).collect(Collectors.joining(" "))));
                    if (!c.pressesConfirmKey()) {
                        continue;
                    }
                }
                status = "completed";
                answeredBy = t;
                break;
            }
            if (!c.dialStatus().equals("no-answer") || targets.size() == 1) {
                status = c.dialStatus();
            }
        }
        steps.add(new Step("dial", String.join("+", targets) + "=" + status));
        String action = dial.attr("action");
        if (action == null) {
            return Optional.empty();
        }
        Map<String, String> p = new LinkedHashMap<>(base);
        p.put("DialStatus", status);
        p.put("DialRingStatus", "true");
        p.put("DialHangupCause", status.equals("completed") ? "NORMAL_CLEARING" : status.equals("busy") ? "USER_BUSY" : "NO_ANSWER");
        p.put("DialALegUUID", base.get("CallUUID"));
        p.put("DialBLegUUID", answeredBy == null ? "" : UUID.randomUUID().toString());
        ParsedPlivoXml next = xml(post(URI.create(action), p));
        return "false".equals(dial.attr("redirect")) ? Optional.empty() : Optional.of(next);
    }

    /** Sends a signed POST (V3) to a public URL; returns the body after asserting 200. */
    public String post(URI publicUrl, Map<String, String> params) {
        HttpResponse<String> r = postSigned(publicUrl, params, Optional.empty());
        if (r.statusCode() != 200) {
            throw new AssertionError("POST " + publicUrl + " answered " + r.statusCode() + ": " + r.body());
        }
        return r.body();
    }

    /** A signed POST; {@code tamper} changes the parameters after signing. */
    public HttpResponse<String> postSigned(URI publicUrl, Map<String, String> params, Optional<Map<String, String>> tamper) {
        return postSigned(publicUrl, publicUrl, params, tamper);
    }

    /** Signs for {@code signedUrl} but sends to {@code publicUrl}. */
    public HttpResponse<String> postSigned(URI signedUrl, URI publicUrl, Map<String, String> params, Optional<Map<String, String>> tamper) {
        String nonce = String.valueOf(ThreadLocalRandom.current().nextLong(1_000_000_000L, Long.MAX_VALUE));
        String sig = PlivoSignatureV3.compute(new SignedRequest("POST", signedUrl, multi(params)), nonce, authToken);
        Map<String, String> sent = tamper.orElse(params);
        return send(publicUrl, form(sent), Map.of(PlivoSignatureV3.HEADER, sig, PlivoSignatureV3.HEADER_NONCE, nonce));
    }

    /** A signed GET (V3): Plivo puts the parameters in the query and signs the whole URL. */
    public HttpResponse<String> getSigned(URI publicUrl, Map<String, String> params) {
        String q = form(params);
        URI full = URI.create(publicUrl + (publicUrl.getRawQuery() == null ? "?" : "&") + q);
        String nonce = String.valueOf(ThreadLocalRandom.current().nextLong(1_000_000_000L, Long.MAX_VALUE));
        String sig = PlivoSignatureV3.compute(new SignedRequest("GET", full, Map.of()), nonce, authToken);
        URI local = URI.create(localBase + full.toString().substring(publicBase.toString().length()));
        HttpRequest req = HttpRequest.newBuilder(local).timeout(Duration.ofSeconds(20)).GET()
                .header(PlivoSignatureV3.HEADER, sig).header(PlivoSignatureV3.HEADER_NONCE, nonce).build();
        try {
            return http.send(req, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new AssertionError("service unreachable: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** A messaging callback signed with V2. */
    public HttpResponse<String> postMessagingCallback(URI publicUrl, Map<String, String> params, String token) {
        return postMessagingCallback(publicUrl, params, token, String.valueOf(ThreadLocalRandom.current().nextLong(1_000_000_000L, Long.MAX_VALUE)));
    }

    /** A messaging callback signed with V2 under a given nonce (the same nonce twice is what a replay looks like). */
    public HttpResponse<String> postMessagingCallback(URI publicUrl, Map<String, String> params, String token, String nonce) {
        String sig = PlivoSignatureV2.compute(publicUrl, nonce, token);
        return send(publicUrl, form(params), Map.of(PlivoSignatureV2.HEADER, sig, PlivoSignatureV2.HEADER_NONCE, nonce));
    }

    public HttpResponse<String> send(URI publicUrl, String body, Map<String, String> headers) {
        if (!publicUrl.toString().startsWith(publicBase.toString())) {
            throw new AssertionError("the service handed Plivo a URL outside its public base: " + publicUrl);
        }
        URI local = URI.create(localBase + publicUrl.toString().substring(publicBase.toString().length()));
        HttpRequest.Builder b = HttpRequest.newBuilder(local).timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        headers.forEach(b::header);
        try {
            return http.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new AssertionError("service unreachable: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    public URI publicBase() {
        return publicBase;
    }

    private static ParsedPlivoXml xml(String body) {
        return ParsedPlivoXml.parse(body);
    }

    public static String form(Map<String, String> params) {
        return params.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
    }

    private static Map<String, List<String>> multi(Map<String, String> params) {
        return FormParams.decode(form(params));
    }
}
