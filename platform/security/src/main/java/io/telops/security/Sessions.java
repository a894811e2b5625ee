package io.telops.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import javax.sql.DataSource;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

/**
 * Server-side browser sessions. The cookie is 256 random bits and means nothing by itself, so logging out, blocking
 * or deleting a user ends a session for real: a signed or encrypted cookie (Quarkus form login, billing's old HMAC
 * cookie) stays valid until it expires whatever the server learns. Services with a database keep sessions there,
 * shared by their replicas; a lookup is cached for the re-check window only.
 */
@ApplicationScoped
public class Sessions {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Duration TOUCH_EVERY = Duration.ofMinutes(1);

    private final SessionStore store;
    private final Duration ttl;
    private final Duration idle;
    private final Clock clock;
    private final Cache<String, SessionStore.StoredSession> recent;

    @Inject
    Sessions(SecurityConfig config, Instance<DataSource> dataSources) {
        this(dataSources.isResolvable() ? new JdbcSessionStore(dataSources.get()) : new MemorySessionStore(),
                config.session().ttl(), config.session().idle(), config.session().recheck(), Clock.systemUTC());
    }

    Sessions(SessionStore store, Duration ttl, Duration idle, Duration recheck, Clock clock) {
        this.store = store;
        this.ttl = ttl;
        this.idle = idle;
        this.clock = clock;
        this.recent = Caffeine.newBuilder().expireAfterWrite(recheck).maximumSize(10_000).build();
    }

    /** Opens a session for a user already authenticated; returns the cookie value. */
    public String open(String username) {
        byte[] id = new byte[32];
        RANDOM.nextBytes(id);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(id);
        Instant now = clock.instant();
        store.deleteOlderThan(now.minus(ttl), now.minus(idle));
        store.insert(hash(token), new SessionStore.StoredSession(username, now, now));
        return token;
    }

    /** The user of a live session; empty for an unknown, ended, expired or idle one. */
    public Optional<String> user(String token) {
        if (token == null || token.length() != 43) {
            return Optional.empty();
        }
        String key = hash(token);
        SessionStore.StoredSession session = recent.getIfPresent(key);
        if (session == null) {
            session = store.find(key).orElse(null);
            if (session == null) {
                return Optional.empty();
            }
            recent.put(key, session);
        }
        Instant now = clock.instant();
        if (!now.isBefore(session.createdAt().plus(ttl)) || !now.isBefore(session.lastSeen().plus(idle))) {
            close(token);
            return Optional.empty();
        }
        if (now.isAfter(session.lastSeen().plus(TOUCH_EVERY))) {
            store.touch(key, now);
            recent.put(key, new SessionStore.StoredSession(session.username(), session.createdAt(), now));
        }
        return Optional.of(session.username());
    }

    public void close(String token) {
        if (token != null) {
            String key = hash(token);
            recent.invalidate(key);
            store.delete(key);
        }
    }

    /** Ends every session of a user (blocked, deleted, password changed). */
    public void closeAll(String username) {
        store.deleteUser(username);
        recent.asMap().values().removeIf(s -> s.username().equals(username));
    }

    public Duration ttl() {
        return ttl;
    }

    private static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
