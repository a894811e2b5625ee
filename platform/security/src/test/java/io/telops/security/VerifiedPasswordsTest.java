package io.telops.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import com.github.benmanes.caffeine.cache.Ticker;

class VerifiedPasswordsTest {
    private static final String HASH = BcryptHashesTest.ELYTRON_2A;

    private final AtomicLong nanos = new AtomicLong();
    private final Ticker ticker = nanos::get;
    private final VerifiedPasswords verified = new VerifiedPasswords(ticker);

    @Test
    void aRememberedPairIsRecognisedAndNothingElse() {
        assertThat(known("admin", HASH, "secret")).isFalse();
        accept("admin", HASH, "secret");
        assertThat(known("admin", HASH, "secret")).isTrue();
        assertThat(known("admin", HASH, "secret2")).as("other password").isFalse();
        assertThat(known("admin", HASH, "Secret")).as("case matters").isFalse();
        assertThat(known("viewer", HASH, "secret")).as("other user").isFalse();
        assertThat(known("admin", HASH.replace('E', 'F'), "secret")).as("the stored hash changed").isFalse();
        assertThat(known("admi", HASH, "nsecret")).as("no ambiguity at the seams").isFalse();
    }

    @Test
    void aPairIsForgottenAfterTheWindowWithoutUse() {
        accept("admin", HASH, "secret");
        nanos.addAndGet(VerifiedPasswords.REMEMBER_FOR.minusSeconds(1).toNanos());
        assertThat(known("admin", HASH, "secret")).isTrue();
        nanos.addAndGet(VerifiedPasswords.REMEMBER_FOR.plusSeconds(1).toNanos());
        assertThat(known("admin", HASH, "secret")).isFalse();
    }

    @Test
    void memoryIsBoundedWithoutForgettingEverything() {
        for (int i = 0; i < VerifiedPasswords.MAX_ENTRIES + 500; i++) {
            accept("user" + i, HASH, "secret");
        }
        assertThat(verified.size()).isLessThanOrEqualTo(VerifiedPasswords.MAX_ENTRIES);
        assertThat(verified.size()).as("evicts some, not all, when full").isGreaterThan(VerifiedPasswords.MAX_ENTRIES / 2);
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

    private boolean known(String user, String hash, String password) {
        return verified.accepts(user, hash, password.toCharArray(), () -> false);
    }

    private void accept(String user, String hash, String password) {
        assertThat(verified.accepts(user, hash, password.toCharArray(), () -> true)).isTrue();
    }
}
