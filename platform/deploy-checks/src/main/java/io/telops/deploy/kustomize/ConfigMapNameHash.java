package io.telops.deploy.kustomize;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/**
 * The name suffix kustomize v5 gives a generated ConfigMap (api/hasher): sha256 of Go's json.Marshal of
 * {"data":..., "kind":"ConfigMap", "name":...} (keys sorted, HTML characters escaped), first ten hex digits,
 * with 0, 1, 3, a, e swapped for g, h, k, m, t so the suffix never reads as a number or a word.
 * <p>
 * Quirk reproduced on purpose: the hasher looks the name up with the single path segment "metadata/name",
 * which matches no key, so the name it encodes is always "" and only the data decides the suffix (checked
 * against kubectl kustomize v5.5.0 in KustomizeRendererTest and KubectlCrossCheckTest). Absent data encodes as "".
 */
public final class ConfigMapNameHash {
    private ConfigMapNameHash() {
    }

    public static String of(Map<String, String> data) {
        if (data == null) {
            return encode(sha256Hex("{\"data\":\"\",\"kind\":\"ConfigMap\",\"name\":\"\"}"));
        }
        StringBuilder json = new StringBuilder("{\"data\":{");
        boolean first = true;
        for (Map.Entry<String, String> e : new TreeMap<>(data).entrySet()) {
            if (!first) {
                json.append(',');
            }
            first = false;
            goString(json, e.getKey());
            json.append(':');
            goString(json, e.getValue());
        }
        json.append("},\"kind\":\"ConfigMap\",\"name\":\"\"}");
        return encode(sha256Hex(json.toString()));
    }

    static String encode(String hex) {
        char[] suffix = hex.substring(0, 10).toCharArray();
        for (int i = 0; i < suffix.length; i++) {
            suffix[i] = switch (suffix[i]) {
                case '0' -> 'g';
                case '1' -> 'h';
                case '3' -> 'k';
                case 'a' -> 'm';
                case 'e' -> 't';
                default -> suffix[i];
            };
        }
        return new String(suffix);
    }

    private static String sha256Hex(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A JSON string the way Go's encoding/json writes it by default. */
    private static void goString(StringBuilder out, String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '<', '>', '&', '\u2028', '\u2029' -> out.append(String.format("\\u%04x", (int) c));
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
