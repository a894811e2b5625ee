package io.telops.provisioning.serving;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;

import io.telops.provisioning.render.RenderedFile;
import io.vertx.core.buffer.Buffer;

/**
 * A rendered file ready to send: bytes, a strong ETag over the bytes, and Last-Modified. {@code wire} holds the
 * same bytes as a Vert.x buffer made once, so a warm fetch writes it without copying the body again.
 */
public record CachedFile(byte[] body, Buffer wire, String contentType, String etag, Instant lastModified,
        String lastModifiedHttp) {

    public static CachedFile of(RenderedFile file, Instant lastModified) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(file.body());
            String etag = "\"" + HexFormat.of().formatHex(digest, 0, 16) + "\"";
            Instant seconds = lastModified.truncatedTo(ChronoUnit.SECONDS);
            return new CachedFile(file.body(), Buffer.buffer(file.body()), file.contentType(), etag, seconds,
                    DateTimeFormatter.RFC_1123_DATE_TIME.format(seconds.atOffset(ZoneOffset.UTC)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The phone's copy (If-None-Match) is this file. */
    public boolean matches(String ifNoneMatch) {
        return IfNoneMatch.matches(ifNoneMatch, etag);
    }
}
