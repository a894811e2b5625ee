package io.telops.provisioning.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

class VerifiedPasswordsTest {
    private static final String HASH = "$2a$10$Ey2ttYj/SZrXxm5Z6jAgOuorLGX/6qHfBqAqeE0/ggYKbJq253da.";

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-25T12:00:00Z"));
    private final VerifiedPasswords verified = new VerifiedPasswords(clock);

    @Test
    void aRememberedPairIsRecognisedAndNothingElse() {
        assertThat(known(verified, "admin", HASH, "secret".toCharArray())).isFalse();
        accept(verified, "admin", HASH, "secret".toCharArray());

        assertThat(known(verified, "admin", HASH, "secret".toCharArray())).isTrue();
        assertThat(known(verified, "admin", HASH, "secret2".toCharArray())).as("other password").isFalse();
        assertThat(known(verified, "admin", HASH, "Secret".toCharArray())).as("case matters").isFalse();
        assertThat(known(verified, "viewer", HASH, "secret".toCharArray())).as("other user").isFalse();
        assertThat(known(verified, "admin", HASH.replace('E', 'F'), "secret".toCharArray()))
                .as("the stored hash changed: check again").isFalse();
        assertThat(known(verified, "admi", HASH, "nsecret".toCharArray())).as("no ambiguity at the seams").isFalse();
    }

    @Test
    void aPairIsForgottenWhenItsTimeIsUpSinceItsLastUse() {
        accept(verified, "admin", HASH, "secret".toCharArray());
        clock.advance(VerifiedPasswords.REMEMBER_FOR.minusSeconds(1));
        assertThat(known(verified, "admin", HASH, "secret".toCharArray())).isTrue();
        clock.advance(VerifiedPasswords.REMEMBER_FOR); // each use starts the period again, so wait a whole one
        assertThat(known(verified, "admin", HASH, "secret".toCharArray())).isFalse();
    }

    @Test
    void anotherInstanceKnowsNothingOfItsPairs() {
        accept(verified, "admin", HASH, "secret".toCharArray());
        assertThat(known(new VerifiedPasswords(clock), "admin", HASH, "secret".toCharArray())).isFalse();
    }

    @Test
    void memoryIsBounded() {
        for (int i = 0; i < VerifiedPasswords.MAX_ENTRIES; i++) {
            accept(verified, "user" + i, HASH, "secret".toCharArray());
        }
        assertThat(known(verified, "user0", HASH, "secret".toCharArray())).isTrue();
        accept(verified, "one-more", HASH, "secret".toCharArray());
        assertThat(known(verified, "one-more", HASH, "secret".toCharArray())).isTrue();
        assertThat(known(verified, "user0", HASH, "secret".toCharArray())).as("emptied when full").isFalse();
    }

    @Test
    void bcryptIsAskedOnlyForAPairNotRememberedAndARefusalIsNotRemembered() {
        AtomicInteger checks = new AtomicInteger();
        assertThat(verified.accepts("admin", HASH, "wrong".toCharArray(), () -> checks.incrementAndGet() < 0)).isFalse();
        assertThat(verified.accepts("admin", HASH, "wrong".toCharArray(), () -> checks.incrementAndGet() < 0)).isFalse();
        assertThat(checks).hasValue(2);
        assertThat(verified.accepts("admin", HASH, "secret".toCharArray(), () -> checks.incrementAndGet() > 0)).isTrue();
        assertThat(verified.accepts("admin", HASH, "secret".toCharArray(), () -> checks.incrementAndGet() < 0)).isTrue();
        assertThat(checks).as("the remembered pair skipped the check").hasValue(3);
    }

    /** Whether the pair is remembered: the check it would otherwise run refuses. */
    private static boolean known(VerifiedPasswords passwords, String user, String hash, char[] password) {
        return passwords.accepts(user, hash, password, () -> false);
    }

    /** bcrypt accepted the pair. */
    private static void accept(VerifiedPasswords passwords, String user, String hash, char[] password) {
        assertThat(passwords.accepts(user, hash, password, () -> true)).isTrue();
    }

    private static final class MutableClock extends Clock {
        private Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
