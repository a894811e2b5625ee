package io.telops.provisioning.render;

/** A template or device cannot be rendered into a valid vendor file (unknown placeholder, invalid key name...). */
public class RenderException extends RuntimeException {
    public RenderException(String message) {
        super(message);
    }
}
