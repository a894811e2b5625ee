package io.telops.callforward.fake;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * Plivo's REST API on loopback, with the JSON shapes of Plivo's own SDK fixtures: phone number search, buy,
 * unrent, application create and Message send, under {@code /v1/Account/{auth_id}/...}/ with HTTP Basic.
 * Errors as Plivo answers them ({"api_id", "error"}): 401 bad credentials, 404 unknown or taken number,
 * and scripted 429/500 (or any status) per operation to test retries and rollbacks.
 */
public final class PlivoFake implements AutoCloseable {
    public static final String AUTH_ID = "MAXXXXXXXXXXXXXXXXXX";
    public static final String AUTH_TOKEN = "test-auth-token-0123456789";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern PATH = Pattern.compile("^/v1/Account/([^/]+)/(PhoneNumber|Number|Application|Message)/(?:([^/]+)/)?$");
    private static PlivoFake shared;

    /** A recorded request: method, path, query, parsed JSON body (or empty object). */
    public record Request(String method, String path, String query, JsonNode body, int status) {
    }

    /** A scripted answer for the next call of an operation: a status and a JSON error, or pass through. */
    public record Scripted(int status, String error, String retryAfter) {
        public static final Scripted PASS = new Scripted(0, "", null);

        public static Scripted fail(int status, String error) {
            return new Scripted(status, error, null);
        }
    }

    public record SentMessage(String uuid, String src, String dst, String text, String url) {
    }

    private final HttpServer server;
    private final List<String> available = new CopyOnWriteArrayList<>();
    private final Set<String> takenElsewhere = ConcurrentHashMap.newKeySet();
    private final Map<String, String> rented = new ConcurrentHashMap<>();
    private final Map<String, String> applications = new ConcurrentHashMap<>();
    private final List<SentMessage> messages = new CopyOnWriteArrayList<>();
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final Map<String, Deque<Scripted>> scripts = new ConcurrentHashMap<>();

    private final String authId;
    private final String authToken;
    private final java.util.concurrent.ExecutorService executor;
    private volatile java.util.function.Consumer<String> log = line -> { };

    private PlivoFake(int port, String authId, String authToken) throws IOException {
        this.authId = authId;
        this.authToken = authToken;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        server.createContext("/", this::handle);
        executor = Executors.newFixedThreadPool(4);
        server.setExecutor(executor);
        server.start();
        reset();
    }

    public static synchronized PlivoFake shared() {
        if (shared == null) {
            try {
                shared = new PlivoFake(0, AUTH_ID, AUTH_TOKEN);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
        return shared;
    }

    /** A fake of its own on a fixed loopback port with the given credentials (the local run's Plivo stand-in). */
    public static PlivoFake start(int port, String authId, String authToken) {
        try {
            return new PlivoFake(port, authId, authToken);
        } catch (IOException e) {
            throw new IllegalStateException("cannot listen on 127.0.0.1:" + port, e);
        }
    }

    /** Reports every request it answered (method, path, JSON body, status), e.g. to the local run's log. */
    public PlivoFake logTo(java.util.function.Consumer<String> sink) {
        this.log = sink;
        return this;
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Forgets scripts, requests and messages; numbers already rented stay rented, stock stays. */
    public synchronized void reset() {
        scripts.clear();
        requests.clear();
        messages.clear();
        takenElsewhere.clear();
        if (available.isEmpty()) {
            for (int i = 0; i < 200; i++) {
                available.add("1415400" + (9000 + i));
            }
        }
    }

    /** Queues answers for the next calls of an operation: search, buy, unrent, application, message. */
    public void script(String operation, Scripted... answers) {
        scripts.computeIfAbsent(operation, k -> new ArrayDeque<>()).addAll(List.of(answers));
    }

    /** Someone else bought this number after our search: buying it answers 404. */
    public void takenElsewhere(String number) {
        takenElsewhere.add(number);
    }

    public List<String> available() {
        return available.stream().filter(n -> !rented.containsKey(n)).toList();
    }

    public Map<String, String> rented() {
        return Map.copyOf(rented);
    }

    public List<SentMessage> messages() {
        return List.copyOf(messages);
    }

    public List<Request> requests() {
        return List.copyOf(requests);
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            String method = ex.getRequestMethod();
            String path = ex.getRequestURI().getRawPath();
            String query = ex.getRequestURI().getRawQuery();
            byte[] raw = ex.getRequestBody().readAllBytes();
            JsonNode body = raw.length == 0 ? JSON.createObjectNode() : JSON.readTree(raw);
            int status = route(ex, method, path, query, body);
            requests.add(new Request(method, path, query == null ? "" : query, body, status));
            if (requests.size() > 10_000) {
                // a long local run: keep the recent ones
                requests.remove(0);
            }
            log.accept(method + " " + path + (query == null ? "" : "?" + query) + (raw.length == 0 ? "" : " " + body) + " -> " + status);
        } catch (RuntimeException e) {
            send(ex, 500, error("fake failed: " + e));
        }
    }

    private int route(HttpExchange ex, String method, String path, String query, JsonNode body) throws IOException {
        Matcher m = PATH.matcher(path);
        if (!authorised(ex, m.matches() ? m.group(1) : "")) {
            return send(ex, 401, error("Authentication failed"));
        }
        if (!m.matches()) {
            return send(ex, 404, error("not found"));
        }
        String resource = m.group(2);
        String id = m.group(3);
        String op = switch (method + " " + resource + (id == null ? "" : "/{id}")) {
            case "GET PhoneNumber" -> "search";
            case "POST PhoneNumber/{id}" -> "buy";
            case "DELETE Number/{id}" -> "unrent";
            case "POST Application" -> "application";
            case "POST Message" -> "message";
            default -> "";
        };
        if (op.isEmpty()) {
            return send(ex, 405, error("method not allowed"));
        }
        Deque<Scripted> script = scripts.get(op);
        Scripted next = script == null ? null : script.pollFirst();
        if (next != null && next.status() != 0) {
            if (next.retryAfter() != null) {
                ex.getResponseHeaders().add("Retry-After", next.retryAfter());
            }
            return send(ex, next.status(), error(next.error()));
        }
        return switch (op) {
            case "search" -> search(ex, query);
            case "buy" -> buy(ex, id, body);
            case "unrent" -> unrent(ex, id);
            case "application" -> application(ex, body);
            default -> message(ex, body);
        };
    }

    private int search(HttpExchange ex, String query) throws IOException {
        Map<String, String> q = decode(query);
        if (!q.containsKey("country_iso")) {
            return send(ex, 400, error("country_iso is required"));
        }
        int limit = Math.min(20, Integer.parseInt(q.getOrDefault("limit", "20")));
        String pattern = q.getOrDefault("pattern", "");
        List<String> matching = available().stream().filter(n -> n.contains(pattern.replace("*", ""))).toList();
        ObjectNode out = JSON.createObjectNode().put("api_id", UUID.randomUUID().toString());
        out.putObject("meta").put("limit", limit).putNull("next").put("offset", 0).putNull("previous")
                .put("total_count", matching.size());
        ArrayNode objects = out.putArray("objects");
        for (String n : matching.subList(0, Math.min(limit, matching.size()))) {
            objects.addObject().put("country", "UNITED STATES").put("lata", 722).put("monthly_rental_rate", "0.80000")
                    .put("number", n).put("type", q.getOrDefault("type", "fixed")).put("prefix", n.substring(1, 4))
                    .put("rate_center", "SNFC CNTRL").put("region", "United States")
                    .put("resource_uri", "/v1/Account/" + authId + "/PhoneNumber/" + n + "/").putNull("restriction")
                    .putNull("restriction_text").put("setup_rate", "0.00000").put("sms_enabled", true)
                    .put("sms_rate", "0.00800").put("voice_enabled", true).put("voice_rate", "0.00500");
        }
        return send(ex, 200, out);
    }

    private int buy(HttpExchange ex, String number, JsonNode body) throws IOException {
        if (takenElsewhere.contains(number) || rented.containsKey(number) || !available.contains(number)) {
            return send(ex, 404, error("not found"));
        }
        String app = body.path("app_id").asText("");
        if (!app.isEmpty() && !applications.containsKey(app)) {
            return send(ex, 400, error("invalid app_id"));
        }
        rented.put(number, app);
        ObjectNode out = JSON.createObjectNode().put("api_id", UUID.randomUUID().toString()).put("message", "created");
        out.putArray("numbers").addObject().put("number", number).put("status", "Success");
        out.put("status", "fulfilled");
        return send(ex, 201, out);
    }

    private int unrent(HttpExchange ex, String number) throws IOException {
        if (rented.remove(number) == null) {
            return send(ex, 404, error("not found"));
        }
        ex.sendResponseHeaders(204, -1);
        return 204;
    }

    private int application(HttpExchange ex, JsonNode body) throws IOException {
        if (!body.path("app_name").asText("").matches("[A-Za-z0-9_-]+") || body.path("answer_url").asText("").isEmpty()) {
            return send(ex, 400, error("app_name and answer_url are required"));
        }
        String id = String.valueOf(20468599130939380L + applications.size());
        applications.put(id, body.path("answer_url").asText());
        return send(ex, 201, JSON.createObjectNode().put("api_id", UUID.randomUUID().toString()).put("app_id", id)
                .put("message", "created"));
    }

    private int message(HttpExchange ex, JsonNode body) throws IOException {
        String src = body.path("src").asText("");
        String dst = body.path("dst").asText("");
        if (src.isEmpty() || dst.isEmpty() || body.path("text").asText("").isEmpty()) {
            return send(ex, 400, error("src, dst and text are required"));
        }
        String uuid = UUID.randomUUID().toString();
        messages.add(new SentMessage(uuid, src, dst, body.path("text").asText(), body.path("url").asText("")));
        ObjectNode out = JSON.createObjectNode().put("api_id", UUID.randomUUID().toString()).put("message", "message(s) queued");
        out.putArray("message_uuid").add(uuid);
        return send(ex, 202, out);
    }

    private boolean authorised(HttpExchange ex, String authId) {
        String expected = "Basic " + Base64.getEncoder().encodeToString((this.authId + ":" + authToken).getBytes(StandardCharsets.UTF_8));
        return expected.equals(ex.getRequestHeaders().getFirst("Authorization")) && this.authId.equals(authId);
    }

    private static ObjectNode error(String message) {
        return JSON.createObjectNode().put("api_id", UUID.randomUUID().toString()).put("error", message);
    }

    private static int send(HttpExchange ex, int status, JsonNode body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        ex.getResponseHeaders().add("Content-Type", "application/json");
        ex.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
        return status;
    }

    private static Map<String, String> decode(String query) {
        Map<String, String> out = new LinkedHashMap<>();
        if (query != null) {
            for (String kv : query.split("&")) {
                int eq = kv.indexOf('=');
                if (eq > 0) {
                    out.put(URLDecoder.decode(kv.substring(0, eq), StandardCharsets.UTF_8),
                            URLDecoder.decode(kv.substring(eq + 1), StandardCharsets.UTF_8));
                }
            }
        }
        return out;
    }

    static byte[] readAll(InputStream in) throws IOException {
        return in.readAllBytes();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    List<Request> requestsOf(String method, String pathPart) {
        List<Request> out = new ArrayList<>();
        for (Request r : requests) {
            if (r.method().equals(method) && r.path().contains(pathPart)) {
                out.add(r);
            }
        }
        return out;
    }
}
