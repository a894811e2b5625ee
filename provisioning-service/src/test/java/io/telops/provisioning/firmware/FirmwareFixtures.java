package io.telops.provisioning.firmware;

import static io.restassured.RestAssured.given;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ThreadLocalRandom;

import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.telops.provisioning.TestData;

/** Uploads through the streaming route and the Yealink model, device and phone fetches the firmware tests share. */
final class FirmwareFixtures {
    static final String PUBLIC_URL = "http://localhost:8083";
    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private FirmwareFixtures() {
    }

    static byte[] randomBytes(int size, long seed) {
        byte[] b = new byte[size];
        new Random(seed).nextBytes(b);
        return b;
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static URI base() {
        return URI.create("http://localhost:" + RestAssured.port);
    }

    /** A URL the service handed out (on its public URL) as the test server answers it. */
    static String local(String publicUrl) {
        return publicUrl.replace(PUBLIC_URL, base().toString());
    }

    /** PUT of the raw image; {@code chunked} leaves the length out, as a streaming client would. */
    static HttpResponse<String> upload(String user, String path, byte[] body, boolean chunked) {
        HttpRequest.BodyPublisher publisher = chunked
                ? HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))
                : HttpRequest.BodyPublishers.ofByteArray(body);
        HttpRequest.Builder request = HttpRequest.newBuilder(base().resolve("/api/firmware/upload/" + path))
                .header("Content-Type", "application/octet-stream").PUT(publisher);
        if (user != null) {
            request.header("Authorization", "Basic " + Base64.getEncoder().encodeToString((user + ":secret")
                    .getBytes(StandardCharsets.UTF_8)));
        }
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * An admin PUT over a plain socket, for the refusals past the size limit: {@code expectContinue} sends the headers
     * with Expect: 100-continue and a Content-Length, then waits for the answer without sending the body (curl's way);
     * otherwise the body is sent chunked to its end before the answer is read. Answers the status line.
     */
    static String rawUpload(String path, byte[] body, boolean expectContinue) throws IOException {
        try (java.net.Socket socket = new java.net.Socket("localhost", RestAssured.port)) {
            socket.setSoTimeout(60_000);
            var out = new java.io.BufferedOutputStream(socket.getOutputStream(), 65536);
            String auth = Base64.getEncoder().encodeToString("admin:secret".getBytes(StandardCharsets.UTF_8));
            String head = "PUT /api/firmware/upload/" + path + " HTTP/1.1\r\nHost: localhost\r\nAuthorization: Basic " + auth
                    + "\r\nContent-Type: application/octet-stream\r\n"
                    + (expectContinue ? "Expect: 100-continue\r\nContent-Length: " + body.length + "\r\n" : "Transfer-Encoding: chunked\r\n")
                    + "\r\n";
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            if (!expectContinue) {
                for (int i = 0; i < body.length; i += 65536) {
                    int n = Math.min(65536, body.length - i);
                    out.write((Integer.toHexString(n) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                    out.write(body, i, n);
                    out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                }
                out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            }
            out.flush();
            var in = new java.io.BufferedReader(new java.io.InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
            return in.readLine();
        }
    }

    /** A Yealink T5x model of its own (the default T54W template under another name), so pins touch no other test. */
    static String yealinkModel() {
        String model = "fw" + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x1000, 0xffff));
        String json = new String(readResource("default-templates/yealink-t54w.json"), StandardCharsets.UTF_8).replace("t54w", model);
        TestData.admin().contentType(ContentType.JSON).body(json).post("/api/templates").then().statusCode(200);
        return model;
    }

    static String newMac() {
        return String.format("001565%06X", ThreadLocalRandom.current().nextInt(0x1000000));
    }

    static void yealinkDevice(String mac, String model) {
        TestData.admin().contentType(ContentType.JSON).body(yealinkBody(mac, model, Map.of())).post("/api/devices")
                .then().statusCode(201);
    }

    static Map<String, Object> yealinkBody(String mac, String model, Map<String, Object> extra) {
        Map<String, Object> body = new java.util.HashMap<>(Map.of("mac", mac, "brand", "yealink", "family", "t5x", "model", model,
                "provPassword", TestData.PROV_PASSWORD,
                "lines", List.of(Map.of("sipUser", "4001", "password", "line-secret-4001", "registrar", "pbx.example.com"))));
        body.putAll(extra);
        return body;
    }

    static Response phoneFetch(String mac) {
        String colons = mac.replaceAll("(..)(?!$)", "$1:").toLowerCase();
        return given().auth().preemptive().basic(mac.toLowerCase(), TestData.PROV_PASSWORD)
                .header("User-Agent", "Yealink SIP-T54W 96.86.0.100 " + colons).get("/prov/yealink/" + mac.toLowerCase() + ".cfg");
    }

    /** The value of one {@code key = value} line of a Yealink config, or null. */
    static String yealinkValue(String cfg, String key) {
        return cfg.lines().filter(l -> l.startsWith(key + " = ")).map(l -> l.substring(key.length() + 3)).findFirst().orElse(null);
    }

    private static byte[] readResource(String name) {
        try (var in = Thread.currentThread().getContextClassLoader().getResourceAsStream(name)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
