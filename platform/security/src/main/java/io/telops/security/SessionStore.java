package io.telops.security;

import java.time.Instant;
import java.util.Optional;

/** Where open sessions live; keyed by the SHA-256 of the cookie, so the store holds no usable cookie. */
interface SessionStore {
    record StoredSession(String username, Instant createdAt, Instant lastSeen) {
    }

    void insert(String idHash, StoredSession session);

    Optional<StoredSession> find(String idHash);

    void touch(String idHash, Instant lastSeen);

    void delete(String idHash);

    void deleteUser(String username);

    void deleteOlderThan(Instant createdBefore, Instant idleBefore);
}
