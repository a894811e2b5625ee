package io.telops.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

class SessionsTest {
    private Instant now = Instant.parse("2026-12-07T09:00:00Z");
    private final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    };
    private final MemorySessionStore store = new MemorySessionStore();
    private final Sessions sessions = new Sessions(store, Duration.ofHours(8), Duration.ofMinutes(30), Duration.ZERO, clock);

    @Test
    void aSessionNamesItsUserUntilLogout() {
        String token = sessions.open("alice");
        assertThat(token).hasSize(43).isNotEqualTo(sessions.open("alice"));
        assertThat(sessions.user(token)).contains("alice");
        sessions.close(token);
        assertThat(sessions.user(token)).as("a logged-out cookie").isEmpty();
    }

    @Test
    void endingAUsersSessionsEndsAllOfThemAndNoOtherUsers() {
        String first = sessions.open("alice");
        String second = sessions.open("alice");
        String bob = sessions.open("bob");
        sessions.closeAll("alice");
        assertThat(sessions.user(first)).isEmpty();
        assertThat(sessions.user(second)).isEmpty();
        assertThat(sessions.user(bob)).contains("bob");
    }

    @Test
    void aSessionEndsWhenIdleAndAtItsAbsoluteLifetime() {
        String idle = sessions.open("alice");
        now = now.plus(Duration.ofMinutes(31));
        assertThat(sessions.user(idle)).as("idle too long").isEmpty();

        String busy = sessions.open("alice");
        for (int i = 0; i < 8 * 3; i++) {
            now = now.plus(Duration.ofMinutes(20));
            if (i < 23) {
                assertThat(sessions.user(busy)).as("used every 20 minutes, hour %d", i / 3).contains("alice");
            }
        }
        assertThat(sessions.user(busy)).as("8 hours after login").isEmpty();
    }

    @Test
    void theStoreHoldsNoUsableCookieAndForgedOnesFail() {
        String token = sessions.open("alice");
        assertThat(store.find(token)).isEmpty();
        assertThat(sessions.user(token.substring(1) + "A")).isEmpty();
        assertThat(sessions.user("")).isEmpty();
        assertThat(sessions.user(null)).isEmpty();
    }
}
