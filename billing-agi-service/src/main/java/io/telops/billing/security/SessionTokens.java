package io.telops.billing.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * The login cookie's value: {@code user.roles.expiry.hmac}, base64url parts, HMAC-SHA256 over the rest.
 * Stateless, so any replica with the same key accepts it; nothing secret is inside.
 */
@ApplicationScoped
public class SessionTokens {
    public static final String COOKIE = "telops_billing_session";
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder D64 = Base64.getUrlDecoder();
    private final byte[] key;
    private final AdminUsers config;

    public record Session(String username, Set<String> roles, Instant expires) {
    }

    SessionTokens(AdminUsers config) {
        this.config = config;
        this.key = config.sessionKey().filter(k -> k.length() >= 32).map(k -> k.getBytes(StandardCharsets.UTF_8))
                .orElseGet(() -> {
                    byte[] random = new byte[32];
                    new SecureRandom().nextBytes(random);
                    return random;
                });
    }

    public long ttlSeconds() {
        return config.sessionTtl().toSeconds();
    }

    public String issue(String username, Set<String> roles) {
        long expiry = Instant.now().plus(config.sessionTtl()).getEpochSecond();
        String body = enc(username) + "." + enc(String.join(",", new TreeSet<>(roles))) + "." + expiry;
        return body + "." + B64.encodeToString(mac(body));
    }

    public Optional<Session> verify(String token) {
        try {
            int last = token.lastIndexOf('.');
            if (last < 0) {
                return Optional.empty();
            }
            String body = token.substring(0, last);
            if (!MessageDigest.isEqual(mac(body), D64.decode(token.substring(last + 1)))) {
                return Optional.empty();
            }
            String[] parts = body.split("\\.");
            Instant expires = Instant.ofEpochSecond(Long.parseLong(parts[2]));
            if (parts.length != 3 || expires.isBefore(Instant.now())) {
                return Optional.empty();
            }
            String roles = dec(parts[1]);
            return Optional.of(new Session(dec(parts[0]), roles.isEmpty() ? Set.of() : Set.copyOf(Arrays.asList(roles.split(","))), expires));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    private byte[] mac(String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(body.getBytes(StandardCharsets.UTF_8));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String enc(String s) {
        return B64.encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    private static String dec(String s) {
        return new String(D64.decode(s), StandardCharsets.UTF_8);
    }
}
