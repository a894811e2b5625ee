package io.telops.provisioning.render;

/**
 * Output encoding per target format. XML: the five predefined entities, line breaks and tabs in
 * attributes as character references, and characters XML 1.0 forbids dropped. Plain {@code key: value}
 * formats: every line terminator and control character removed, so a value can never start a new
 * configuration line.
 */
public final class ConfigEscaping {
    private ConfigEscaping() {
    }

    public static String xmlText(String raw) {
        return xml(raw, false);
    }

    public static String xmlAttribute(String raw) {
        return xml(raw, true);
    }

    private static String xml(String raw, boolean attribute) {
        StringBuilder out = new StringBuilder(raw.length() + 16);
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append(attribute ? "&quot;" : "\"");
                case '\'' -> out.append(attribute ? "&apos;" : "'");
                case '\n' -> out.append("&#10;");
                case '\r' -> out.append("&#13;");
                case '\t' -> out.append(attribute ? "&#9;" : "\t");
                default -> {
                    if (Character.isHighSurrogate(c) && i + 1 < raw.length() && Character.isLowSurrogate(raw.charAt(i + 1))) {
                        out.append(c).append(raw.charAt(++i));
                    } else if (isXmlChar(c)) {
                        out.append(c);
                    }
                    // else: not representable in XML 1.0, dropped
                }
            }
        }
        return out.toString();
    }

    private static boolean isXmlChar(char c) {
        return (c >= 0x20 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD);
    }

    /** Removes CR, LF, NEL, the Unicode line/paragraph separators and every other control character. */
    public static String plainValue(String raw) {
        StringBuilder out = new StringBuilder(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '\t') {
                out.append(' ');
            } else if (!(Character.isISOControl(c) || c == '\u2028' || c == '\u2029')) {
                out.append(c);
            }
        }
        return out.toString();
    }
}
