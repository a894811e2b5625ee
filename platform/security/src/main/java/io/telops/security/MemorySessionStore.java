package io.telops.security;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Sessions of a service without a database: they live as long as the process, on this replica only. */
final class MemorySessionStore implements SessionStore {
    private final Map<String, StoredSession> sessions = new ConcurrentHashMap<>();

    @Override
    public void insert(String idHash, StoredSession session) {
        sessions.put(idHash, session);
    }

    @Override
    public Optional<StoredSession> find(String idHash) {
        return Optional.ofNullable(sessions.get(idHash));
    }

    @Override
    public void touch(String idHash, Instant lastSeen) {
        sessions.computeIfPresent(idHash, (k, s) -> new StoredSession(s.username(), s.createdAt(), lastSeen));
    }

    @Override
    public void delete(String idHash) {
        sessions.remove(idHash);
    }

    @Override
    public void deleteUser(String username) {
        sessions.values().removeIf(s -> s.username().equals(username));
    }

    @Override
    public void deleteOlderThan(Instant createdBefore, Instant idleBefore) {
        sessions.values().removeIf(s -> s.createdAt().isBefore(createdBefore) || s.lastSeen().isBefore(idleBefore));
    }
}
