package io.telops.deploy.compose;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Compose's interpolation of one value, for checks that run without the CLI: ${VAR}, ${VAR:-default},
 * ${VAR:?reason} (refused when VAR is unset or empty) and "$$" for a literal "$".
 */
public final class ComposeVariables {
    private static final Pattern REFERENCE = Pattern.compile("\\$\\$|\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?:(:-|:\\?)([^}]*))?}");

    private ComposeVariables() {
    }

    /** The value the container sees when the shell exports {@code shell}; throws for a missing required variable. */
    public static String interpolate(String raw, Map<String, String> shell) {
        Matcher m = REFERENCE.matcher(raw);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String replacement;
            if (m.group().equals("$$")) {
                replacement = "$";
            } else {
                String value = shell.getOrDefault(m.group(1), "");
                if (value.isEmpty() && ":?".equals(m.group(2))) {
                    throw new IllegalArgumentException(m.group(1) + " is required: " + m.group(3));
                }
                replacement = value.isEmpty() && ":-".equals(m.group(2)) ? m.group(3) : value;
            }
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }
}
