package io.telops.vats.security;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Remembers for a while which user and password bcrypt has already accepted. API clients send HTTP Basic
 * credentials with every request; a bcrypt check per request (tens of milliseconds of CPU at cost 10) would starve
 * the service under polling. Only an HMAC of user, stored hash and password is kept, under a key made at start and
 * never written anywhere, so the memory holds no password. Refusals are never remembered: guessing still costs a
 * bcrypt check per attempt.
 */
final class VerifiedPasswords {
    static final Duration REMEMBER_FOR = Duration.ofMinutes(10);
    static final int MAX_ENTRIES = 10_000;

    private final byte[] key = new byte[32];
    private final Map<String, Instant> expiries = new ConcurrentHashMap<>();
    private final Clock clock;

    VerifiedPasswords(Clock clock) {
        this.clock = clock;
        new SecureRandom().nextBytes(key);
    }

    VerifiedPasswords() {
        this(Clock.systemUTC());
    }

    /**
     * True when this user and password were accepted within {@link #REMEMBER_FOR}, or when {@code check} (the
     * bcrypt verification) accepts them now; either way the pair is remembered afresh. {@code check} is not run
     * for a remembered pair.
     */
    boolean accepts(String user, String storedHash, char[] password, BooleanSupplier check) {
        String digest = digest(user, storedHash, password);
        Instant now = clock.instant();
        Instant expiry = expiries.get(digest);
        if ((expiry == null || !expiry.isAfter(now)) && !check.getAsBoolean()) {
            return false;
        }
        if (expiry == null && expiries.size() >= MAX_ENTRIES) {
            expiries.clear(); // crude but bounded: the cost is one bcrypt check per client again
        }
        expiries.put(digest, now.plus(REMEMBER_FOR));
        return true;
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
