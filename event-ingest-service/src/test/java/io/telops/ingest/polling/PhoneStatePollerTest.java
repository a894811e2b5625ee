package io.telops.ingest.polling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.telops.contracts.phone.CallStateChanged;
import io.telops.contracts.phone.LineRegistered;
import io.telops.contracts.phone.Party;

class PhoneStatePollerTest {
    static final Instant AT = Instant.parse("2008-07-11T21:19:53Z");

    @Test
    void pollsTheThreeHandlersWithDigestAndMapsTheState() throws Exception {
        try (FakePolycomPhone phone = new FakePolycomPhone("Polycom", "456")) {
            PhoneStatePoller.PolledState state = new PhoneStatePoller(Duration.ofSeconds(5))
                    .poll(new PhoneStatePoller.Target("http", phone.host(), "Polycom", "456"), Instant.now());
            assertThat(state.mac()).isEqualTo("0004F214B8E7");
            assertThat(state.ip()).isEqualTo("172.24.128.160");
            assertThat(state.model()).contains("SoundPoint IP 650");
            assertThat(state.firmware()).contains("4.0.1.18754 27-Feb-11 20:07");
            assertThat(state.events()).containsExactly(
                    new LineRegistered("0004F214B8E7", "172.24.128.160", AT, "-08:00", Optional.of(1), Optional.of("6744")),
                    new LineRegistered("0004F214B8E7", "172.24.128.160", AT, "-08:00", Optional.of(2), Optional.of("4534")),
                    new CallStateChanged("0004F214B8E7", "172.24.128.160", AT, "-08:00", "0", "Offering", Optional.of(1),
                            Optional.of("10"), Optional.of("Incoming"), Optional.of(new Party("21", "21@172.24.128.61")),
                            Optional.of(new Party("10", "10")), Optional.of(0)));
            assertThat(phone.challenges.get()).isEqualTo(3);
            assertThat(phone.authorisedRequests.get()).isEqualTo(3);
        }
    }

    @Test
    void answersASha256Challenge() throws Exception {
        try (FakePolycomPhone phone = new FakePolycomPhone("Polycom", "456", "SHA-256", false)) {
            PhoneStatePoller.PolledState state = new PhoneStatePoller(Duration.ofSeconds(5))
                    .poll(new PhoneStatePoller.Target("http", phone.host(), "Polycom", "456"), Instant.now());
            assertThat(state.mac()).isEqualTo("0004F214B8E7");
            assertThat(phone.authorisedRequests.get()).isEqualTo(3);
        }
    }

    @Test
    void aStaleNonceIsAnsweredAgainWithTheFreshOne() throws Exception {
        try (FakePolycomPhone phone = new FakePolycomPhone("Polycom", "456", "MD5", true)) {
            PhoneStatePoller.PolledState state = new PhoneStatePoller(Duration.ofSeconds(5))
                    .poll(new PhoneStatePoller.Target("http", phone.host(), "Polycom", "456"), Instant.now());
            assertThat(state.mac()).isEqualTo("0004F214B8E7");
            assertThat(phone.staleChallenges.get()).isEqualTo(1);
            assertThat(phone.authorisedRequests.get()).isEqualTo(3);
        }
    }

    @Test
    void wrongCredentialsFailThePoll() throws Exception {
        try (FakePolycomPhone phone = new FakePolycomPhone("Polycom", "456")) {
            assertThatThrownBy(() -> new PhoneStatePoller(Duration.ofSeconds(5))
                    .poll(new PhoneStatePoller.Target("http", phone.host(), "Polycom", "wrong"), Instant.now()))
                    .isInstanceOf(IOException.class).hasMessageContaining("401");
            assertThat(phone.authorisedRequests.get()).isZero();
        }
    }

    @Test
    void digestResponseFollowsRfc2617() {
        // the RFC 2069 example (a challenge without qop, which RFC 2617 keeps compatible)
        String header = DigestAuth.authorization(java.util.Map.of("realm", "testrealm@host.com",
                "nonce", "dcd98b7102dd2f0e8b11d0f600bfb0c093", "opaque", "5ccc069c403ebaf9f0171e9517f40e41"),
                "GET", "/dir/index.html", "Mufasa", "Circle Of Life");
        assertThat(header).contains("response=\"670fd8c2df070c60b045671b8b24ff02\"");
    }
}
