package io.telops.ingest.polling;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import io.telops.ingest.Samples;

/**
 * A Poly phone's state polling handlers on loopback, behind HTTP digest like the real ones
 * (apps.statePolling.username / password, responseMode 0): DeviceInformation, NetworkConfiguration and
 * CallLineInfo in the documented formats.
 */
public final class FakePolycomPhone implements AutoCloseable {
    static final String REALM = "PolycomSPIP";
    static final String NONCE = "4f1a2b3c4d5e6f70";

    private final HttpServer server;
    private final String username;
    private final String password;
    private final String algorithm;
    /** Answers the first correct response with a fresh nonce and {@code stale=true}, as a phone whose nonce expired. */
    private final AtomicBoolean staleOnce;
    private volatile String nonce = NONCE;
    final AtomicInteger authorisedRequests = new AtomicInteger();
    final AtomicInteger challenges = new AtomicInteger();
    final AtomicInteger staleChallenges = new AtomicInteger();

    public FakePolycomPhone(String username, String password) throws IOException {
        this(username, password, "MD5", false);
    }

    /** @param algorithm MD5 or SHA-256, as named in the challenge */
    public FakePolycomPhone(String username, String password, String algorithm, boolean staleOnce) throws IOException {
        this.username = username;
        this.password = password;
        this.algorithm = algorithm;
        this.staleOnce = new AtomicBoolean(staleOnce);
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/polling/deviceHandler", ex -> answer(ex, """
                <PolycomIPPhone>
                <DeviceInformation>
                <MACAddress>0004f214b8e7</MACAddress>
                <PhoneDN>Line1:6744,Line2:4534</PhoneDN>
                <AppLoadID>4.0.1.18754 27-Feb-11 20:07</AppLoadID>
                <BootROMID>5.0.0.11646</BootROMID>
                <ModelNumber>SoundPoint IP 650</ModelNumber>
                <TimeStamp>2008-07-11T13:19:53-08:00</TimeStamp>
                </DeviceInformation>
                </PolycomIPPhone>
                """));
        server.createContext("/polling/networkHandler", ex -> answer(ex, """
                <PolycomIPPhone>
                <NetworkConfiguration>
                <DHCPServer>172.24.128.1</DHCPServer>
                <MACAddress>0004f214b8e7</MACAddress>
                <DNSSuffix>example.net</DNSSuffix>
                <IPAddress>172.24.128.160</IPAddress>
                <SubnetMask>255.255.255.0</SubnetMask>
                <ProvServer>172.24.128.85</ProvServer>
                <DefaultRouter>172.24.128.1</DefaultRouter>
                <DNSServer1>172.24.128.2</DNSServer1>
                <DNSServer2>172.24.128.3</DNSServer2>
                <VLANID></VLANID>
                <DHCPEnabled>yes</DHCPEnabled>
                </NetworkConfiguration>
                </PolycomIPPhone>
                """));
        server.createContext("/polling/callstateHandler", ex -> answer(ex, Samples.resource("docs/sip31-polling-call-line-info.xml")));
        server.start();
    }

    public String host() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    private void answer(HttpExchange exchange, String xml) throws IOException {
        try (exchange) {
            Optional<Map<String, String>> credentials = Optional.ofNullable(exchange.getRequestHeaders().getFirst("Authorization"))
                    .flatMap(DigestAuth::challenge); // same key=value syntax as a challenge
            if (credentials.isEmpty() || !valid(credentials.get(), exchange.getRequestMethod())) {
                challenges.incrementAndGet();
                challenge(exchange, "");
                return;
            }
            if (staleOnce.getAndSet(false)) {
                staleChallenges.incrementAndGet();
                nonce = NONCE + "ff";
                challenge(exchange, ", stale=true");
                return;
            }
            authorisedRequests.incrementAndGet();
            byte[] body = xml.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "text/xml");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
        }
    }

    private void challenge(HttpExchange exchange, String extra) throws IOException {
        exchange.getResponseHeaders().add("WWW-Authenticate", "Digest realm=\"" + REALM + "\", nonce=\"" + nonce
                + "\", qop=\"auth\", algorithm=" + algorithm + ", opaque=\"5ccc069c403ebaf9\"" + extra);
        exchange.sendResponseHeaders(401, -1);
    }

    private boolean valid(Map<String, String> c, String method) {
        if (!username.equals(c.get("username")) || !nonce.equals(c.get("nonce"))) {
            return false;
        }
        String ha1 = hash(username + ":" + REALM + ":" + password);
        String ha2 = hash(method + ":" + c.get("uri"));
        String expected = hash(ha1 + ":" + nonce + ":" + c.get("nc") + ":" + c.get("cnonce") + ":auth:" + ha2);
        return expected.equals(c.get("response"));
    }

    private String hash(String value) {
        return DigestAuthTest.hash(algorithm, value);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
