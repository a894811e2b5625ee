package io.telops.vats.restapi;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.telops.vats.tls.CabinetTls;
import io.telops.vats.trunk.TrunkStates;

/**
 * {@code GET <api-base>/abonents} with the header {@code X-AUTH-TOKEN}. Assumptions, taken from third-party
 * code that quotes MTS's documentation (no MTS page was reachable):
 * <ul>
 * <li>the answer is a JSON array of objects with {@code userId} (number), {@code phoneNumber}, {@code extension},
 *     {@code firstName}, {@code lastname}, {@code groupId}, {@code serviceProviderId}, ... — unknown fields are ignored;</li>
 * <li>it is the whole list in one answer (no paging parameters appear in any client);</li>
 * <li>a wrong token gives 401 (403 is treated the same);</li>
 * <li>the same host, hence the same TLS profile, as the cabinet.</li>
 * </ul>
 * The token is sent only in the header; it is never logged nor put in an exception message.
 */
public final class MtsRestAbonentDirectory implements AbonentDirectory {
    public static final String TOKEN_HEADER = "X-AUTH-TOKEN";
    private static final Logger LOG = Logger.getLogger(MtsRestAbonentDirectory.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_BODY_CHARS = 32 * 1024 * 1024;

    private final URI abonentsUrl;
    private final String token;
    private final Duration timeout;
    private final HttpClient http;

    public MtsRestAbonentDirectory(URI apiBase, String token, CabinetTls tls, Duration connectTimeout, Duration timeout) {
        String base = apiBase.toString();
        this.abonentsUrl = URI.create(base.endsWith("/") ? base + "abonents" : base + "/abonents");
        this.token = token;
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(connectTimeout).sslContext(tls.sslContext())
                .sslParameters(tls.parameters()).followRedirects(HttpClient.Redirect.NEVER).version(HttpClient.Version.HTTP_1_1)
                .build();
    }

    @Override
    public List<DirectoryAbonent> abonents() {
        long started = System.nanoTime();
        HttpRequest request = HttpRequest.newBuilder(abonentsUrl).timeout(timeout).header(TOKEN_HEADER, token)
                .header("Accept", "application/json").header("Cache-Control", "no-cache").GET().build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            LOG.warnf("REST API %s failed after %d ms: %s", abonentsUrl.getPath(), millisSince(started), e.toString());
            throw new AbonentDirectoryException.Unavailable("REST API " + abonentsUrl.getPath() + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AbonentDirectoryException.Unavailable("REST API " + abonentsUrl.getPath() + ": interrupted", e);
        }
        int status = response.statusCode();
        String body = response.body();
        LOG.infof("REST API GET %s -> HTTP %d, %d chars in %d ms", abonentsUrl.getPath(), status, body.length(), millisSince(started));
        if (status == 401 || status == 403) {
            throw new AbonentDirectoryException.Unauthorized("REST API " + abonentsUrl.getPath() + " answered HTTP " + status
                    + ": the X-AUTH-TOKEN (telops.vats.rest-api.token) was refused; take a fresh one from the cabinet's 'Методы API' section");
        }
        if (status >= 500) {
            throw new AbonentDirectoryException.Unavailable("REST API " + abonentsUrl.getPath() + " answered HTTP " + status, null);
        }
        if (status != 200) {
            throw new AbonentDirectoryException.UnexpectedAnswer("REST API " + abonentsUrl.getPath() + " answered HTTP " + status, null);
        }
        if (body.length() > MAX_BODY_CHARS) {
            throw new AbonentDirectoryException.UnexpectedAnswer("REST API answer larger than " + MAX_BODY_CHARS + " chars", null);
        }
        return parse(body);
    }

    static List<DirectoryAbonent> parse(String body) {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw new AbonentDirectoryException.UnexpectedAnswer("REST API answer is not JSON: " + e.getOriginalMessage(), e);
        }
        if (root == null || !root.isArray()) {
            throw new AbonentDirectoryException.UnexpectedAnswer("REST API answer is not a JSON array of abonents", null);
        }
        List<DirectoryAbonent> abonents = new ArrayList<>(root.size());
        for (JsonNode node : root) {
            JsonNode id = node.get("userId");
            if (id == null || !(id.isIntegralNumber() || (id.isTextual() && id.asText().matches("\\d{1,18}")))) {
                throw new AbonentDirectoryException.UnexpectedAnswer("REST API abonent without a numeric userId", null);
            }
            abonents.add(new DirectoryAbonent(id.asLong(), text(node, "phoneNumber").map(MtsRestAbonentDirectory::normalised),
                    text(node, "extension")));
        }
        return List.copyOf(abonents);
    }

    private static String normalised(String number) {
        try {
            return TrunkStates.normalise(number);
        } catch (IllegalArgumentException e) {
            return number;
        }
    }

    private static Optional<String> text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() || v.asText().isBlank() ? Optional.empty() : Optional.of(v.asText());
    }

    private static long millisSince(long started) {
        return (System.nanoTime() - started) / 1_000_000;
    }

    @Override
    public String toString() {
        return "MtsRestAbonentDirectory[" + abonentsUrl + ", token=***]";
    }
}
