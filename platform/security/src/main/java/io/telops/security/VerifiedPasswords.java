package io.telops.security;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.function.BooleanSupplier;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;

/**
 * Remembers for a while which user and password bcrypt has already accepted. API clients send HTTP Basic
 * credentials with every request, and a bcrypt check per request (tens of milliseconds of CPU at cost 10) would
 * starve a service under polling. Only an HMAC of user, stored hash and password is kept, under a key made at start
 * and never written anywhere, so memory holds no password. Refusals are never remembered: guessing still costs a
 * bcrypt check per attempt.
 */
final class VerifiedPasswords {
    static final Duration REMEMBER_FOR = Duration.ofMinutes(10);
    static final int MAX_ENTRIES = 10_000;

    private final byte[] key = new byte[32];
    private final Cache<String, Boolean> accepted;

    VerifiedPasswords(Ticker ticker) {
        new SecureRandom().nextBytes(key);
        // expiry counts from the last use, so a client that keeps calling keeps its entry
        accepted = Caffeine.newBuilder().ticker(ticker).expireAfterAccess(REMEMBER_FOR).maximumSize(MAX_ENTRIES).build();
    }

    VerifiedPasswords() {
        this(Ticker.systemTicker());
    }

    /**
     * True when this user and password were accepted within {@link #REMEMBER_FOR}, or when {@code check} (the
     * bcrypt verification) accepts them now; {@code check} is not run for a remembered pair.
     */
    boolean accepts(String user, String storedHash, char[] password, BooleanSupplier check) {
        String digest = digest(user, storedHash, password);
        if (accepted.getIfPresent(digest) != null) {
            return true;
        }
        if (!check.getAsBoolean()) {
            return false;
        }
        accepted.put(digest, Boolean.TRUE);
        return true;
    }

    /** Settles pending evictions, so a size bound is observable at once (tests). */
    long size() {
        accepted.cleanUp();
        return accepted.estimatedSize();
    }

    private String digest(String user, String storedHash, char[] password) {
        ByteBuffer secret = StandardCharsets.UTF_8.encode(CharBuffer.wrap(password));
        byte[] passwordBytes = new byte[secret.remaining()];
        secret.get(passwordBytes);
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            mac.update(user.getBytes(StandardCharsets.UTF_8));
            mac.update((byte) 0);
            mac.update(storedHash.getBytes(StandardCharsets.UTF_8));
            mac.update((byte) 0);
            return HexFormat.of().formatHex(mac.doFinal(passwordBytes));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        } finally {
            Arrays.fill(passwordBytes, (byte) 0);
            if (secret.hasArray()) {
                Arrays.fill(secret.array(), (byte) 0);
            }
        }
    }
}
