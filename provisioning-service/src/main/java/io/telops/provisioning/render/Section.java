package io.telops.provisioning.render;

import java.util.Locale;
import java.util.Optional;

/** The five sections of a Kazoo-provision template, in the order they are written to a phone. */
public enum Section {
    BASE("cfg_base"), BEHAVIOR("cfg_behavior"), ACCOUNT("cfg_account"), TONE("cfg_tone"), KEYS("cfg_keys");

    private final String jsonName;

    Section(String jsonName) {
        this.jsonName = jsonName;
    }

    /** The member name in the seed's template JSON. */
    public String jsonName() {
        return jsonName;
    }

    public String shortName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Accepts the seed's spellings, including the {@code cfg_key} variant most seed templates use. */
    public static Optional<Section> fromJsonName(String name) {
        if ("cfg_key".equals(name)) {
            return Optional.of(KEYS);
        }
        for (Section s : values()) {
            if (s.jsonName.equals(name)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }
}
