package io.telops.ingest.push;

import static io.telops.ingest.push.PushGuardTest.config;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import io.quarkus.runtime.LaunchMode;
import io.telops.ingest.IngestConfig;

/** The guard's start-up check: an open push URL only in dev and test, Basic never half configured. */
class PushAccessCheckTest {
    static final IngestConfig NOTHING = config(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());

    @Test
    void refusesToStartInProductionWithoutCredentialsOrSubnets() {
        assertThatThrownBy(() -> new PushGuard(NOTHING, LaunchMode.NORMAL))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("telops.ingest.push.shared-secret")
                .hasMessageContaining("telops.ingest.push.basic-username")
                .hasMessageContaining("telops.ingest.push.basic-password")
                .hasMessageContaining("telops.ingest.push.allowed-subnets");
    }

    @Test
    void startsInProductionWithATokenBasicCredentialsOrPhoneSubnets() {
        assertThatCode(() -> new PushGuard(config(Optional.empty(), Optional.empty(), Optional.empty(), Optional.of("t0ken")),
                LaunchMode.NORMAL)).doesNotThrowAnyException();
        assertThatCode(() -> new PushGuard(config(Optional.empty(), Optional.of("phones"), Optional.of("s3cret"), Optional.empty()),
                LaunchMode.NORMAL)).doesNotThrowAnyException();
        assertThatCode(() -> new PushGuard(config(Optional.of(List.of("10.20.0.0/16")), Optional.empty(), Optional.empty(), Optional.empty()),
                LaunchMode.NORMAL)).doesNotThrowAnyException();
    }

    @Test
    void anEmptySubnetListDoesNotCountAsProtection() {
        assertThatThrownBy(() -> new PushGuard(config(Optional.of(List.of(" ")), Optional.empty(), Optional.empty(), Optional.empty()),
                LaunchMode.NORMAL)).isInstanceOf(IllegalStateException.class);
    }

    @ParameterizedTest
    @EnumSource(value = LaunchMode.class, names = {"DEVELOPMENT", "TEST"})
    void devAndTestMayLeaveThePushUrlOpen(LaunchMode mode) {
        assertThatCode(() -> new PushGuard(NOTHING, mode)).doesNotThrowAnyException();
    }

    @ParameterizedTest
    @EnumSource(LaunchMode.class)
    void basicWithAUsernameButNoPasswordIsAConfigurationErrorInEveryMode(LaunchMode mode) {
        assertThatThrownBy(() -> new PushGuard(config(Optional.empty(), Optional.of("phones"), Optional.empty(), Optional.of("t0ken")), mode))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("telops.ingest.push.basic-password");
    }

    @ParameterizedTest
    @EnumSource(LaunchMode.class)
    void basicWithAPasswordButNoUsernameIsAConfigurationErrorInEveryMode(LaunchMode mode) {
        assertThatThrownBy(() -> new PushGuard(config(Optional.empty(), Optional.empty(), Optional.of("s3cret"), Optional.empty()), mode))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("telops.ingest.push.basic-username")
                .hasMessageNotContaining("s3cret");
    }
}
