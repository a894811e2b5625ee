package io.telops.ingest.polling;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.telops.contracts.MacAddress;
import io.telops.contracts.phone.CallStateChanged;
import io.telops.contracts.phone.LineRegistered;
import io.telops.contracts.phone.Party;
import io.telops.contracts.phone.PhoneEvent;
import io.telops.ingest.polycom.MalformedPushException;
import io.telops.ingest.polycom.PhoneTimestamps;
import io.telops.ingest.polycom.PolycomEventParser;
import io.telops.ingest.polycom.XmlElement;

/**
 * Asks one phone for its state through the phone state polling handlers of the Web Application Developer's
 * Guide (apps.statePolling.responseMode = 0, so the phone answers in the HTTP response):
 * {@code /polling/deviceHandler} (DeviceInformation), {@code /polling/networkHandler} (NetworkConfiguration)
 * and {@code /polling/callstateHandler} (CallLineInfo), each behind HTTP digest authentication.
 *
 * <p>The answers become the platform's existing events: one {@link LineRegistered} per line of PhoneDN
 * ("the list of all registered lines") and one {@link CallStateChanged} per active call, so a phone whose
 * pushes were lost still gets a current state downstream.
 */
public final class PhoneStatePoller {
    private static final int MAX_RESPONSE = 256 * 1024;

    private final HttpClient http;
    private final PolycomEventParser xml = new PolycomEventParser(MAX_RESPONSE, 64);
    private final Duration timeout;

    public PhoneStatePoller(Duration timeout) {
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** What a poll found out. */
    public record PolledState(String mac, String ip, Optional<String> model, Optional<String> firmware, List<PhoneEvent> events) {
    }

    /** Where and how to ask. {@code host} may carry a port. */
    public record Target(String scheme, String host, String username, String password) {
    }

    public PolledState poll(Target target, Instant now) throws IOException, InterruptedException, MalformedPushException {
        XmlElement device = element(fetch(target, "/polling/deviceHandler"), "DeviceInformation");
        XmlElement network = element(fetch(target, "/polling/networkHandler"), "NetworkConfiguration");
        XmlElement calls = fetch(target, "/polling/callstateHandler");

        String mac = device.text("MACAddress").or(() -> network.text("MACAddress"))
                .map(MacAddress::normalise).orElseThrow(() -> new MalformedPushException("DeviceInformation has no MACAddress"));
        String ip = network.text("IPAddress").orElse(hostOnly(target.host()));
        PhoneTimestamps.PhoneTime at = device.text("TimeStamp").flatMap(PhoneTimestamps::parse)
                .orElse(new PhoneTimestamps.PhoneTime(now, "Z"));

        List<PhoneEvent> events = new ArrayList<>();
        for (String line : device.text("PhoneDN").map(s -> s.split(",")).orElse(new String[0])) {
            // "Line1:6744" -> line 1, directory number 6744
            String[] parts = line.strip().split(":", 2);
            Optional<Integer> number = Optional.of(parts[0].replaceAll("\\D", "")).filter(s -> !s.isEmpty()).map(Integer::valueOf);
            Optional<String> address = parts.length > 1 ? Optional.of(parts[1].strip()).filter(s -> !s.isEmpty()) : Optional.empty();
            if (number.isPresent() || address.isPresent()) {
                events.add(new LineRegistered(mac, ip, at.instant(), at.utcOffset(), number, address));
            }
        }
        List<XmlElement> lines = "CallLineInfo".equals(calls.name()) ? List.of(calls) : calls.all("CallLineInfo");
        for (XmlElement line : lines) {
            for (XmlElement call : line.all("CallInfo")) {
                Optional<String> reference = call.text("CallReference");
                Optional<String> state = call.text("CallState");
                if (reference.isEmpty() || state.isEmpty()) {
                    continue;
                }
                events.add(new CallStateChanged(mac, ip, at.instant(), at.utcOffset(), reference.get(), state.get(),
                        integer(line.text("LineKeyNum")), line.text("LineDirNum"), call.text("CallType"),
                        party(call, "CallingPartyName", "CallingPartyDirNum", "CallingPartyNumber"),
                        party(call, "CalledPartyName", "CalledPartyDirNum", "CalledPartyNumber"),
                        integer(call.text("CallDuration"))));
            }
        }
        return new PolledState(mac, ip, device.text("ModelNumber"), device.text("AppLoadID"), events);
    }

    private XmlElement fetch(Target target, String path) throws IOException, InterruptedException, MalformedPushException {
        URI uri = URI.create(target.scheme() + "://" + target.host() + path);
        HttpResponse<byte[]> response = http.send(request(uri).build(), HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() == 401) {
            response = answer(uri, path, target, digestChallenge(uri, response));
            // stale=true: right credentials, expired nonce (RFC 7616 3.3); one more answer with the fresh nonce
            Optional<Map<String, String>> fresh = response.statusCode() == 401 ? staleChallenge(response) : Optional.empty();
            if (fresh.isPresent()) {
                response = answer(uri, path, target, fresh.get());
            }
        }
        if (response.statusCode() != 200) {
            throw new IOException(uri + " answered " + response.statusCode());
        }
        if (response.body().length > MAX_RESPONSE) {
            throw new IOException(uri + " answered more than " + MAX_RESPONSE + " bytes");
        }
        return xml.read(new ByteArrayInputStream(response.body()));
    }

    private HttpResponse<byte[]> answer(URI uri, String path, Target target, Map<String, String> challenge)
            throws IOException, InterruptedException {
        return http.send(request(uri).header("Authorization",
                DigestAuth.authorization(challenge, "GET", path, target.username(), target.password())).build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    /** The first digest challenge this client can answer, in the server's order of preference (RFC 7616 3.7). */
    private static Map<String, String> digestChallenge(URI uri, HttpResponse<?> response) throws IOException {
        return response.headers().allValues("WWW-Authenticate").stream()
                .map(DigestAuth::challenge).flatMap(Optional::stream)
                .filter(DigestAuth::supported).findFirst()
                .orElseThrow(() -> new IOException(uri + " answered 401 without a digest challenge this client supports"));
    }

    private static Optional<Map<String, String>> staleChallenge(HttpResponse<?> response) {
        return response.headers().allValues("WWW-Authenticate").stream()
                .map(DigestAuth::challenge).flatMap(Optional::stream)
                .filter(DigestAuth::supported).filter(DigestAuth::stale).findFirst();
    }

    private HttpRequest.Builder request(URI uri) {
        return HttpRequest.newBuilder(uri).timeout(timeout).GET();
    }

    /** The named element, whether the phone wrapped it in PolycomIPPhone or not. */
    private static XmlElement element(XmlElement root, String name) throws MalformedPushException {
        if (name.equals(root.name())) {
            return root;
        }
        return root.child(name).orElseThrow(() -> new MalformedPushException("no <" + name + "> in the answer"));
    }

    private static Optional<Party> party(XmlElement call, String name, String dirNum, String number) {
        Optional<String> n = call.text(name);
        Optional<String> d = call.text(dirNum).or(() -> call.text(number));
        return n.isEmpty() && d.isEmpty() ? Optional.empty() : Optional.of(new Party(n.orElse(""), d.orElse("")));
    }

    private static Optional<Integer> integer(Optional<String> text) {
        try {
            return text.map(Integer::valueOf).filter(i -> i >= 0);
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static String hostOnly(String host) {
        int colon = host.lastIndexOf(':');
        return colon > 0 && host.indexOf(':') == colon ? host.substring(0, colon) : host;
    }
}
