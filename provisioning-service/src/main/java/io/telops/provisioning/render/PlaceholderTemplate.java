package io.telops.provisioning.render;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A string split once into literal text and {@code {NAME}} placeholders (NAME: upper-case letters,
 * digits and underscores, starting with a letter). Anything else in braces, such as Snom's own
 * {@code {mac}} that the phone substitutes itself, stays literal. Values are appended, never
 * interpreted, so a password like {@code ab$0cd\1} arrives as written.
 */
public final class PlaceholderTemplate {
    private static final int CACHE_LIMIT = 10_000;
    private static final Map<String, PlaceholderTemplate> PARSED = new ConcurrentHashMap<>();

    private sealed interface Part permits Literal, Placeholder {
    }

    private record Literal(String text) implements Part {
    }

    private record Placeholder(String name) implements Part {
    }

    private final List<Part> parts;

    private PlaceholderTemplate(List<Part> parts) {
        this.parts = parts;
    }

    public static PlaceholderTemplate parse(String text) {
        PlaceholderTemplate cached = PARSED.get(text);
        if (cached != null) {
            return cached;
        }
        PlaceholderTemplate parsed = new PlaceholderTemplate(tokenize(text));
        if (PARSED.size() < CACHE_LIMIT) {
            PARSED.put(text, parsed);
        }
        return parsed;
    }

    /** Renders with the given values; every placeholder must have one. */
    public static String render(String text, Map<String, String> values) {
        return parse(text).render(values);
    }

    public static boolean hasPlaceholders(String text) {
        return parse(text).parts.stream().anyMatch(p -> p instanceof Placeholder);
    }

    public List<String> placeholderNames() {
        return parts.stream().filter(p -> p instanceof Placeholder).map(p -> ((Placeholder) p).name()).toList();
    }

    public String render(Map<String, String> values) {
        if (parts.size() == 1 && parts.get(0) instanceof Literal l) {
            return l.text();
        }
        StringBuilder out = new StringBuilder();
        for (Part part : parts) {
            if (part instanceof Literal l) {
                out.append(l.text());
            } else if (part instanceof Placeholder p) {
                String value = values.get(p.name());
                if (value == null) {
                    throw new RenderException("no value for placeholder {" + p.name() + "}");
                }
                out.append(value);
            }
        }
        return out.toString();
    }

    private static List<Part> tokenize(String text) {
        List<Part> parts = new ArrayList<>();
        StringBuilder literal = new StringBuilder();
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            int end = c == '{' ? placeholderEnd(text, i) : -1;
            if (end > 0) {
                if (!literal.isEmpty()) {
                    parts.add(new Literal(literal.toString()));
                    literal.setLength(0);
                }
                parts.add(new Placeholder(text.substring(i + 1, end)));
                i = end + 1;
            } else {
                literal.append(c);
                i++;
            }
        }
        if (!literal.isEmpty() || parts.isEmpty()) {
            parts.add(new Literal(literal.toString()));
        }
        return List.copyOf(parts);
    }

    /** Index of the closing brace of a placeholder starting at {@code start}, or -1 if it is not one. */
    private static int placeholderEnd(String text, int start) {
        int i = start + 1;
        if (i >= text.length() || !(text.charAt(i) >= 'A' && text.charAt(i) <= 'Z')) {
            return -1;
        }
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '}') {
                return i;
            }
            if (!((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_')) {
                return -1;
            }
            i++;
        }
        return -1;
    }
}
