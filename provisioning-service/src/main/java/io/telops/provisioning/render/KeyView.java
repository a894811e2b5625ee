package io.telops.provisioning.render;

import java.util.Objects;

/**
 * A programmable key: {@code module} 0 is the phone itself, 1..n the expansion modules;
 * {@code position} is 0-based within the phone or module (Kazoo/monster-ui numbering);
 * {@code line} is the 0-based account the key uses.
 */
public record KeyView(int module, int position, KeyType type, String value, String label, int line) {
    public KeyView {
        Objects.requireNonNull(type);
        Objects.requireNonNull(value);
        Objects.requireNonNull(label);
        if (module < 0 || position < 0 || line < 0) {
            throw new IllegalArgumentException("key module, position and line must not be negative");
        }
    }
}
