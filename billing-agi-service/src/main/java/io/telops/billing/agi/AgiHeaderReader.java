package io.telops.billing.agi;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Accumulates the {@code agi_name: value} header lines of one session until the blank line that ends them.
 * Anything else is a protocol error: the server closes such sessions rather than guessing.
 */
public final class AgiHeaderReader {
    private static final Pattern HEADER = Pattern.compile("agi_([a-z0-9_]+): ?(.*)");
    private final int maxLines;
    private final Map<String, String> variables = new LinkedHashMap<>();

    public AgiHeaderReader(int maxLines) {
        this.maxLines = maxLines;
    }

    /** Feeds one line (without its line terminator); returns the request once the blank line arrived. */
    public Optional<AgiRequest> accept(String line) {
        if (line.isEmpty()) {
            if (variables.isEmpty()) {
                throw new AgiProtocolException("empty-header", "blank line before any agi_ header");
            }
            return Optional.of(new AgiRequest(variables));
        }
        Matcher m = HEADER.matcher(line);
        if (!m.matches()) {
            throw new AgiProtocolException("malformed-header", "not an agi_ header line: " + printable(line));
        }
        if (variables.size() >= maxLines) {
            throw new AgiProtocolException("too-many-headers", "more than " + maxLines + " header lines");
        }
        variables.put(m.group(1), m.group(2));
        return Optional.empty();
    }

    static String printable(String line) {
        String cut = line.length() > 80 ? line.substring(0, 80) + "..." : line;
        return cut.replaceAll("[^\\x20-\\x7e]", "?");
    }
}
