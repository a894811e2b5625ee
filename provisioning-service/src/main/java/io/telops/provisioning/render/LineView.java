package io.telops.provisioning.render;

import java.util.Objects;

/**
 * One SIP account of a device as the renderer sees it (password already decrypted).
 * {@code position} is 0-based; each vendor renders it with its own first number.
 */
public record LineView(int position, String sipUser, String authUser, String password, String registrar,
                       int registrarPort, String displayName, String label) {
    public LineView {
        Objects.requireNonNull(sipUser);
        Objects.requireNonNull(authUser);
        Objects.requireNonNull(password);
        Objects.requireNonNull(registrar);
        Objects.requireNonNull(displayName);
        Objects.requireNonNull(label);
        if (position < 0) {
            throw new IllegalArgumentException("line position must not be negative");
        }
    }

    @Override
    public String toString() {
        // never print the password
        return "LineView[" + position + ", " + sipUser + "@" + registrar + "]";
    }
}
