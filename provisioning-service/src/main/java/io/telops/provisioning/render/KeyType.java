package io.telops.provisioning.render;

import java.util.Locale;
import java.util.Optional;

/** The key functions monster-ui lets an operator put on a phone or expansion-module key (Kazoo names). */
public enum KeyType {
    PRESENCE("presence"), SPEED_DIAL("speed_dial"), PARKING("parking"), LINE("line");

    private final String kazooName;

    KeyType(String kazooName) {
        this.kazooName = kazooName;
    }

    public String kazooName() {
        return kazooName;
    }

    /** Accepts Kazoo's names, {@code personal_parking} and the operator spelling {@code blf}. */
    public static Optional<KeyType> parse(String raw) {
        if (raw == null) {
            return Optional.empty();
        }
        String s = raw.strip().toLowerCase(Locale.ROOT);
        return switch (s) {
            case "presence", "blf" -> Optional.of(PRESENCE);
            case "speed_dial", "speeddial", "speed" -> Optional.of(SPEED_DIAL);
            case "parking", "personal_parking", "park" -> Optional.of(PARKING);
            case "line" -> Optional.of(LINE);
            default -> Optional.empty();
        };
    }
}
