package io.telops.ingest.push;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.Startup;
import io.telops.events.Problem;
import io.telops.ingest.IngestConfig;
import io.telops.security.Networks;

/**
 * Who may push and in which form: the optional subnet allow-list, the optional shared secret or HTTP Basic
 * credentials (phones put them in apps.telNotification.URL), and the content types phones really send. Created at
 * start, so a configuration that would leave the URL open outside dev and test stops the service ({@link PushAccessCheck}).
 */
@Startup
@ApplicationScoped
public class PushGuard {
    /**
     * Poly documents the body as XML "posted to a Web server" without naming a media type; phones in the field
     * label it differently by release, so every XML-ish label is accepted and the body itself is checked.
     */
    static final Set<String> ACCEPTED_MEDIA_TYPES = Set.of("application/xml", "text/xml", "text/plain",
            "application/x-www-form-urlencoded", "application/x-com-polycom-spipx", "application/octet-stream");

    private final IngestConfig.Push config;
    private final Networks subnets;

    @Inject
    PushGuard(IngestConfig config) {
        this(config, LaunchMode.current());
    }

    PushGuard(IngestConfig config, LaunchMode mode) {
        PushAccessCheck.verify(config.push(), mode);
        this.config = config.push();
        this.subnets = Networks.parse(this.config.allowedSubnets().orElse(List.of()));
    }

    public void check(String remoteAddress, Optional<String> contentType, Optional<String> authorization, Optional<String> token) {
        if (!subnets.isEmpty() && !subnets.contains(remoteAddress)) {
            throw new PushRejectedException(Problem.typed(403, "push-forbidden", "Sender not allowed",
                    "pushes are accepted from the configured phone subnets only"), "forbidden");
        }
        if (!authorised(authorization, token)) {
            throw new PushRejectedException(Problem.typed(401, "push-unauthorized", "Credentials required",
                    "this push URL needs the configured credentials (Basic auth or token)"), "unauthorized",
                    config.basicUsername().isPresent() ? Map.of("WWW-Authenticate", "Basic realm=\"telops-push\", charset=\"UTF-8\"") : Map.of());
        }
        contentType.map(PushGuard::mediaType).filter(m -> !ACCEPTED_MEDIA_TYPES.contains(m)).ifPresent(m -> {
            throw new PushRejectedException(Problem.typed(415, "push-unsupported-media-type", "Unsupported content type",
                    "expected XML (application/xml, text/xml or the labels phones use), got " + abbreviate(m)), "unsupported_media_type");
        });
    }

    private boolean authorised(Optional<String> authorization, Optional<String> token) {
        boolean needsSecret = config.sharedSecret().isPresent();
        boolean needsBasic = config.basicUsername().isPresent() && config.basicPassword().isPresent();
        if (!needsSecret && !needsBasic) {
            return true;
        }
        if (needsSecret && token.filter(t -> same(t, config.sharedSecret().get())).isPresent()) {
            return true;
        }
        return needsBasic && authorization.flatMap(PushGuard::basicCredentials)
                .filter(c -> same(c[0], config.basicUsername().get()) & same(c[1], config.basicPassword().get()))
                .isPresent();
    }

    private static Optional<String[]> basicCredentials(String header) {
        if (!header.regionMatches(true, 0, "Basic ", 0, 6)) {
            return Optional.empty();
        }
        try {
            String decoded = new String(Base64.getDecoder().decode(header.substring(6).strip()), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            return colon < 0 ? Optional.empty() : Optional.of(new String[] {decoded.substring(0, colon), decoded.substring(colon + 1)});
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** Constant-time comparison, so a secret cannot be guessed byte by byte from response times. */
    private static boolean same(String given, String expected) {
        return MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8), expected.getBytes(StandardCharsets.UTF_8));
    }

    static String mediaType(String contentType) {
        int semicolon = contentType.indexOf(';');
        return (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).strip().toLowerCase(Locale.ROOT);
    }

    private static String abbreviate(String s) {
        return s.length() <= 60 ? s : s.substring(0, 60) + "...";
    }
}
