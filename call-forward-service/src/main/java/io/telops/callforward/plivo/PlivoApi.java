package io.telops.callforward.plivo;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.rest.client.inject.RestClient;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.telops.callforward.config.CallForwardConfig;

/** Plivo REST calls with their JSON shapes and error statuses mapped to values and {@link PlivoApiException}. */
@ApplicationScoped
public class PlivoApi {
    public record AvailableNumber(String number, String type, String region, boolean voiceEnabled, boolean smsEnabled) {
    }

    public record NumberSearch(String countryIso, String type, Optional<String> region, Optional<String> pattern) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private final PlivoRestClient client;
    private final CallForwardConfig config;

    PlivoApi(@RestClient PlivoRestClient client, CallForwardConfig config) {
        this.client = client;
        this.config = config;
    }

    public List<AvailableNumber> search(NumberSearch q, int limit) {
        JsonNode body = call(() -> client.searchNumbers(authId(), q.countryIso(), q.type(), q.region().orElse(null),
                q.pattern().orElse(null), config.rental().services(), Math.min(20, Math.max(1, limit))), 200);
        List<AvailableNumber> out = new ArrayList<>();
        for (JsonNode o : body.path("objects")) {
            out.add(new AvailableNumber(o.path("number").asText(), o.path("type").asText(), o.path("region").asText(),
                    o.path("voice_enabled").asBoolean(false), o.path("sms_enabled").asBoolean(false)));
        }
        return out;
    }

    /** Buys a number and links it to the application in the same request. */
    public void buy(String number, String appId) {
        JsonNode body = call(() -> client.buyNumber(authId(), number, Map.of("app_id", appId)), 201, 200);
        for (JsonNode n : body.path("numbers")) {
            String status = n.path("status").asText("");
            if (number.equals(n.path("number").asText()) && !status.equalsIgnoreCase("Success")
                    && !status.equalsIgnoreCase("pending")) {
                throw new PlivoApiException(201, body.path("api_id").asText(""), "number " + number + " not bought: " + status);
            }
        }
    }

    /** Unrents a number; a 404 means it is not ours (any more), which is what we wanted. */
    public void unrent(String number) {
        try {
            call(() -> client.unrentNumber(authId(), number), 204, 200);
        } catch (PlivoApiException e) {
            if (e.status() != 404) {
                throw e;
            }
        }
    }

    public String createApplication(String name, URI answerUrl, URI hangupUrl, URI fallbackUrl) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("app_name", name);
        body.put("answer_url", answerUrl.toString());
        body.put("answer_method", "POST");
        body.put("hangup_url", hangupUrl.toString());
        body.put("hangup_method", "POST");
        body.put("fallback_answer_url", fallbackUrl.toString());
        body.put("fallback_method", "POST");
        return call(() -> client.createApplication(authId(), body), 201, 200).path("app_id").asText();
    }

    /** Sends an SMS; returns Plivo's message_uuid. */
    public String sendSms(String src, String dst, String text, Optional<URI> statusUrl) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("src", src);
        body.put("dst", dst);
        body.put("text", text);
        body.put("type", "sms");
        statusUrl.ifPresent(u -> {
            body.put("url", u.toString());
            body.put("method", "POST");
        });
        JsonNode uuids = call(() -> client.sendMessage(authId(), body), 202, 200).path("message_uuid");
        if (!uuids.isArray() || uuids.isEmpty()) {
            throw new PlivoApiException(202, "", "no message_uuid in Plivo's answer");
        }
        return uuids.get(0).asText();
    }

    private String authId() {
        return config.plivo().authId().orElseThrow(() -> new PlivoApiException(0, "", "Plivo auth id not configured"));
    }

    private JsonNode call(java.util.function.Supplier<Response> request, int... ok) {
        Response response;
        try {
            response = request.get();
        } catch (WebApplicationException e) {
            response = e.getResponse();
        } catch (ProcessingException e) {
            throw new PlivoApiException(0, "", String.valueOf(e.getMessage()), -1, e);
        }
        try (Response r = response) {
            int status = r.getStatus();
            String text = r.hasEntity() ? r.readEntity(String.class) : "";
            JsonNode body = parse(text);
            for (int s : ok) {
                if (s == status) {
                    return body;
                }
            }
            // Plivo's error is a string or an object: keep it as text
            JsonNode error = body.path("error");
            String message = error.isMissingNode() ? text : error.isTextual() ? error.asText() : error.toString();
            long retryAfter = Optional.ofNullable(r.getHeaderString("Retry-After"))
                    .filter(h -> h.matches("\\d{1,6}")).map(Long::parseLong).orElse(-1L);
            throw new PlivoApiException(status, body.path("api_id").asText(""), message, retryAfter, null);
        }
    }

    private static JsonNode parse(String text) {
        if (text == null || text.isBlank()) {
            return JSON.createObjectNode();
        }
        try {
            return JSON.readTree(text);
        } catch (Exception e) {
            return JSON.createObjectNode().put("error", text.length() > 200 ? text.substring(0, 200) : text);
        }
    }
}
