package io.telops.callforward.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

class VerifiedPasswordsTest {
    private static final String HASH = "$2a$10$Ey2ttYj/SZrXxm5Z6jAgOuorLGX/6qHfBqAqeE0/ggYKbJq253da.";

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-25T12:00:00Z"));
    private final VerifiedPasswords verified = new VerifiedPasswords(clock);

    @Test
    void aRememberedPairIsRecognisedAndNothingElse() {
        assertThat(verified.isVerified("admin", HASH, "secret".toCharArray())).isFalse();
        verified.remember("admin", HASH, "secret".toCharArray());

        assertThat(verified.isVerified("admin", HASH, "secret".toCharArray())).isTrue();
        assertThat(verified.isVerified("admin", HASH, "secret2".toCharArray())).as("other password").isFalse();
        assertThat(verified.isVerified("admin", HASH, "Secret".toCharArray())).as("case matters").isFalse();
        assertThat(verified.isVerified("viewer", HASH, "secret".toCharArray())).as("other user").isFalse();
        assertThat(verified.isVerified("admin", HASH.replace('E', 'F'), "secret".toCharArray()))
                .as("the stored hash changed: check again").isFalse();
        assertThat(verified.isVerified("admi", HASH, "nsecret".toCharArray())).as("no ambiguity at the seams").isFalse();
    }

    @Test
    void aPairIsForgottenWhenItsTimeIsUp() {
        verified.remember("admin", HASH, "secret".toCharArray());
        clock.advance(VerifiedPasswords.REMEMBER_FOR.minusSeconds(1));
        assertThat(verified.isVerified("admin", HASH, "secret".toCharArray())).isTrue();
        clock.advance(Duration.ofSeconds(1));
        assertThat(verified.isVerified("admin", HASH, "secret".toCharArray())).isFalse();
    }

    @Test
    void anotherInstanceKnowsNothingOfItsPairs() {
        verified.remember("admin", HASH, "secret".toCharArray());
        assertThat(new VerifiedPasswords(clock).isVerified("admin", HASH, "secret".toCharArray())).isFalse();
    }

    @Test
    void memoryIsBounded() {
        for (int i = 0; i < VerifiedPasswords.MAX_ENTRIES; i++) {
            verified.remember("user" + i, HASH, "secret".toCharArray());
        }
        assertThat(verified.isVerified("user0", HASH, "secret".toCharArray())).isTrue();
        verified.remember("one-more", HASH, "secret".toCharArray());
        assertThat(verified.isVerified("one-more", HASH, "secret".toCharArray())).isTrue();
        assertThat(verified.isVerified("user0", HASH, "secret".toCharArray())).as("emptied when full").isFalse();
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
