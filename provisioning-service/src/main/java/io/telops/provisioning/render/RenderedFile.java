package io.telops.provisioning.render;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/** The bytes of one rendered config file and the Content-Type it is served with. */
public record RenderedFile(byte[] body, String contentType) {
    public RenderedFile {
        Objects.requireNonNull(body);
        Objects.requireNonNull(contentType);
    }

    public static RenderedFile utf8(String text, String contentType) {
        return new RenderedFile(text.getBytes(StandardCharsets.UTF_8), contentType);
    }

    public String text() {
        return new String(body, StandardCharsets.UTF_8);
    }
}
