package io.telops.billing.agi;

import java.net.URI;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The header block Asterisk sends when it opens an AGI session: {@code agi_<name>: <value>} lines in the
 * order received, without the {@code agi_} prefix ({@code network_script}, {@code request}, {@code channel},
 * {@code uniqueid}, {@code callerid}, {@code arg_1} ...).
 */
public record AgiRequest(Map<String, String> variables) {
    public AgiRequest {
        variables = Collections.unmodifiableMap(new LinkedHashMap<>(variables));
    }

    public Optional<String> variable(String name) {
        return Optional.ofNullable(variables.get(name)).filter(v -> !v.isEmpty());
    }

    /**
     * The script the dialplan asked for: {@code agi_network_script}, or else the path of {@code agi_request}
     * ({@code agi://host:4573/authorize?x=1} gives {@code authorize}); empty when neither names one.
     */
    public String script() {
        return variable("network_script").map(AgiRequest::stripQuery)
                .or(() -> variable("request").map(AgiRequest::pathOf))
                .map(s -> s.startsWith("/") ? s.substring(1) : s)
                .orElse("");
    }

    public String uniqueId() {
        return variable("uniqueid").orElse("");
    }

    public String channel() {
        return variable("channel").orElse("");
    }

    /** Asterisk writes {@code unknown} when the channel has no caller id number. */
    public Optional<String> callerId() {
        return variable("callerid").filter(v -> !"unknown".equalsIgnoreCase(v));
    }

    public String extension() {
        return variable("extension").orElse("");
    }

    /** {@code agi_arg_1}, {@code agi_arg_2} ... in order, stopping at the first gap. */
    public List<String> arguments() {
        List<String> args = new ArrayList<>();
        for (int i = 1; variables.containsKey("arg_" + i); i++) {
            args.add(variables.get("arg_" + i));
        }
        return List.copyOf(args);
    }

    public Optional<String> argument(int oneBased) {
        List<String> args = arguments();
        return oneBased <= args.size() ? Optional.of(args.get(oneBased - 1)).filter(a -> !a.isEmpty()) : Optional.empty();
    }

    private static String stripQuery(String script) {
        int q = script.indexOf('?');
        return q < 0 ? script : script.substring(0, q);
    }

    private static String pathOf(String request) {
        try {
            String path = URI.create(request).getPath();
            return path == null ? "" : path;
        } catch (IllegalArgumentException e) {
            return "";
        }
    }
}
