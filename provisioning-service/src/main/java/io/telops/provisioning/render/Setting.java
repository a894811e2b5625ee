package io.telops.provisioning.render;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One configuration entry of a template or of a rendered file: a name, a value and, for XML formats
 * that carry them (Snom {@code idx}/{@code perm}), attributes in document order. Names, values and
 * attribute values may hold {@code {PLACEHOLDER}} tokens until rendered.
 */
public record Setting(String name, String value, Map<String, String> attributes) {
    public Setting {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
        attributes = attributes == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
    }

    public static Setting of(String name, String value) {
        return new Setting(name, value, Map.of());
    }

    public Setting withValue(String newValue) {
        return new Setting(name, newValue, attributes);
    }

    public Setting withName(String newName) {
        return new Setting(newName, value, attributes);
    }
}
