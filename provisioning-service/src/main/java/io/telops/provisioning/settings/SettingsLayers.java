package io.telops.provisioning.settings;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Merges the settings layers, the most specific winning: global, site, model, device. Keeps where
 * each effective value came from, so the API can explain a device's configuration.
 */
public final class SettingsLayers {
    public static final Pattern NAME = Pattern.compile("[A-Z][A-Z0-9_]{0,63}");

    /** GENERATED: secrets made per device (value hidden); MISSING: a placeholder the device's template needs and no layer sets. */
    public enum Layer { DEFAULT, GENERATED, GLOBAL, SITE, MODEL, DEVICE, MISSING }

    /** What the effective settings show instead of a generated secret. */
    public static final String HIDDEN = "(generated for this device; shown once)";

    public record Effective(String value, Layer layer) {
    }

    private final Map<String, Effective> values = new LinkedHashMap<>();

    public SettingsLayers with(Layer layer, Map<String, String> settings) {
        settings.forEach((k, v) -> values.put(k, new Effective(v, layer)));
        return this;
    }

    public Map<String, Effective> effective() {
        return Map.copyOf(values);
    }

    public Map<String, String> values() {
        Map<String, String> out = new LinkedHashMap<>();
        values.forEach((k, v) -> out.put(k, v.value()));
        return out;
    }

    /** Checks a layer an operator submits: placeholder-style names, no control characters in values. */
    public static void validate(Map<String, String> settings) {
        settings.forEach((k, v) -> {
            if (!NAME.matcher(k).matches()) {
                throw new IllegalArgumentException("setting names are upper-case placeholders like NTP_SERVER: " + k);
            }
            if (v == null || v.chars().anyMatch(Character::isISOControl) || v.length() > 2048) {
                throw new IllegalArgumentException("setting " + k + " must be a single line of at most 2048 characters");
            }
        });
    }
}
