package io.telops.callforward.sms;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import io.telops.callforward.config.CallForwardConfig;
import io.telops.callforward.plivo.PlivoApiException;

class SmsBackoffTest {
    static CallForwardConfig.Sms config(Duration initial, Duration max) {
        return new CallForwardConfig.Sms() {
            public int maxAttempts() { return 6; }
            public Duration initialBackoff() { return initial; }
            public Duration maxBackoff() { return max; }
            public Duration lease() { return Duration.ofSeconds(60); }
            public Duration pollEvery() { return Duration.ofSeconds(1); }
        };
    }

    @Test
    void backoffDoublesIsCappedAndHonoursRetryAfter() {
        assertThat(SmsSender.backoff(config(Duration.ofSeconds(2), Duration.ofSeconds(30)), 1, -1)).isEqualTo(Duration.ofSeconds(2));
        assertThat(SmsSender.backoff(config(Duration.ofSeconds(2), Duration.ofSeconds(30)), 3, -1)).isEqualTo(Duration.ofSeconds(8));
        assertThat(SmsSender.backoff(config(Duration.ofSeconds(2), Duration.ofSeconds(30)), 10, -1)).isEqualTo(Duration.ofSeconds(30));
        assertThat(SmsSender.backoff(config(Duration.ofSeconds(2), Duration.ofSeconds(30)), 1, 45)).isEqualTo(Duration.ofSeconds(45));
    }

    @Test
    void onlyRateLimitsServerErrorsAndNoAnswerAreRetried() {
        assertThat(new PlivoApiException(429, "", "x").retryable()).isTrue();
        assertThat(new PlivoApiException(500, "", "x").retryable()).isTrue();
        assertThat(new PlivoApiException(503, "", "x").retryable()).isTrue();
        assertThat(new PlivoApiException(0, "", "timeout").retryable()).isTrue();
        assertThat(new PlivoApiException(400, "", "x").retryable()).isFalse();
        assertThat(new PlivoApiException(401, "", "x").retryable()).isFalse();
        assertThat(new PlivoApiException(404, "", "x").retryable()).isFalse();
    }
}
