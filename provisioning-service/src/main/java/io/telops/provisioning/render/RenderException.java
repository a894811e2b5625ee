package io.telops.provisioning.render;

/** A template or device cannot be rendered into a valid vendor file (unknown placeholder, invalid key name...). */
public sealed class RenderException extends RuntimeException permits MissingSettingsException {
    public RenderException(String message) {
        super(message);
    }
}
