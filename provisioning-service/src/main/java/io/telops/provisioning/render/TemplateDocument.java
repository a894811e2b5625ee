package io.telops.provisioning.render;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A model template: the five sections of settings (with placeholders), the key counters, and the
 * first {@code {ACCOUNT}} number ({@code pvt_counter}). Plain data; rendering is done by {@link ConfigRenderer}.
 */
public record TemplateDocument(String brand, String family, String model, Map<Section, List<Setting>> sections,
                               UsrKeys usrKeys, int accountCounter) {
    public TemplateDocument {
        Objects.requireNonNull(brand);
        Objects.requireNonNull(family);
        Objects.requireNonNull(model);
        EnumMap<Section, List<Setting>> copy = new EnumMap<>(Section.class);
        for (Section s : Section.values()) {
            copy.put(s, List.copyOf(sections == null ? List.of() : sections.getOrDefault(s, List.of())));
        }
        sections = java.util.Collections.unmodifiableMap(copy);
        usrKeys = usrKeys == null ? UsrKeys.none() : usrKeys;
        if (accountCounter < 0) {
            throw new IllegalArgumentException("account counter must not be negative");
        }
    }

    public List<Setting> section(Section s) {
        return sections.get(s);
    }

    /** The seed's document id: {@code ui/{brand}/{family}/{model}}. */
    public String id() {
        return "ui/" + brand + "/" + family + "/" + model;
    }
}
