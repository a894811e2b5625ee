package io.telops.callforward.api;

import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.ws.rs.core.EntityTag;

import io.telops.callforward.line.ForwardingLine;

/** A line's version as a strong ETag, and the If-Match header read back into the tags it names (RFC 9110 13.1.1). */
final class EntityTags {
    private static final Pattern TAG = Pattern.compile("\\s*(W/)?\"([\\x21\\x23-\\x7e]*)\"\\s*(,|$)");
    private static final int MAX_HEADER = 1024;

    private EntityTags() {
    }

    static EntityTag of(ForwardingLine line) {
        return new EntityTag(Long.toString(line.version()));
    }

    /**
     * The opaque tags of an If-Match; weak tags are left out, as If-Match compares strongly. {@code *} names no
     * version, so it counts as absent: an update must say which version it read.
     */
    static Optional<Set<String>> ifMatch(String header) {
        if (header == null || header.isBlank() || header.strip().equals("*")) {
            return Optional.empty();
        }
        if (header.length() > MAX_HEADER) {
            throw new IllegalArgumentException("If-Match longer than " + MAX_HEADER + " characters");
        }
        Set<String> tags = new LinkedHashSet<>();
        Matcher m = TAG.matcher(header);
        int at = 0;
        while (at < header.length()) {
            if (!m.find(at) || m.start() != at) {
                throw new IllegalArgumentException("If-Match must be a list of entity tags like \"3\"");
            }
            if (m.group(1) == null) {
                tags.add(m.group(2));
            }
            at = m.end();
        }
        return Optional.of(tags);
    }
}
