package io.telops.vats.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import javax.net.ssl.SSLParameters;

import org.eclipse.microprofile.health.HealthCheckResponse;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.telops.vats.cabinet.AbonentFilter;
import io.telops.vats.client.CabinetException;
import io.telops.vats.client.CabinetObserver;
import io.telops.vats.client.CabinetSettings;
import io.telops.vats.client.CabinetTransport;
import io.telops.vats.client.VatsCabinetClient;
import io.telops.vats.simulator.VatsSimulator;

/**
 * The early TLS check and the opt-in legacy profile, against real TLS servers on 127.0.0.1 with a
 * certificate generated in the test: a modern server, and one that, like the MTS cabinet as other
 * clients found it, only speaks TLS 1.2 with a CBC suite.
 */
class TlsHandshakeTest {
    /** What the known working MTS client pins (ECDHE-RSA-AES128-SHA256): a CBC suite the modern profile refuses. */
    private static final String[] LEGACY_ONLY = {"TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256"};
    private static final String[] TLS12 = {"TLSv1.2"};

    @TempDir
    static Path dir;
    static TestCertificates certs;

    @BeforeAll
    static void certificates() throws Exception {
        certs = TestCertificates.create(dir);
    }

    private static TlsProbe probe(boolean legacy) {
        return new TlsProbe(CabinetTls.of(certs.clientSettings(legacy)), Duration.ofSeconds(5));
    }

    @Test
    void modernServerHandshakesWithTheModernProfile() throws Exception {
        try (LoopbackTlsServer server = new LoopbackTlsServer(certs.serverContext(), null, null)) {
            TlsHandshake result = probe(false).probe(server.url());

            assertThat(result).isInstanceOf(TlsHandshake.Established.class);
            TlsHandshake.Established ok = (TlsHandshake.Established) result;
            assertThat(ok.protocol()).isEqualTo("TLSv1.3");
            assertThat(CabinetTls.MODERN_SUITE.test(ok.cipherSuite())).isTrue();
            assertThat(ok.legacySuite()).isFalse();
            assertThat(ok.peerSubject()).isEqualTo("CN=vpbx.test");
            assertThat(ok.detail()).contains("TLSv1.3").contains(ok.cipherSuite());
        }
    }

    @Test
    void legacyOnlyServerIsRefusedWithAClearReasonAndTheFix() throws Exception {
        try (LoopbackTlsServer server = new LoopbackTlsServer(certs.serverContext(), TLS12, LEGACY_ONLY)) {
            TlsHandshake result = probe(false).probe(server.url());

            assertThat(result).isInstanceOf(TlsHandshake.Failed.class);
            TlsHandshake.Failed failed = (TlsHandshake.Failed) result;
            assertThat(failed.reason()).isEqualTo("legacy_only_server");
            assertThat(failed.message()).contains("TLSv1.2 TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256")
                    .contains("modern profile refuses");
            assertThat(failed.hint()).contains("telops.vats.tls.legacy.enabled=true");
            assertThat(server.failures()).as("the server saw the modern offer fail").isNotEmpty();
        }
    }

    @Test
    void aServerThatNeitherProfileSuitsIsNamedWithoutSuggestingTheOptIn() throws Exception {
        String[] staticRsa = {"TLS_RSA_WITH_AES_128_CBC_SHA"};
        try (LoopbackTlsServer server = new LoopbackTlsServer(certs.serverContext(), TLS12, staticRsa)) {
            for (boolean legacy : new boolean[] {false, true}) {
                TlsHandshake.Failed failed = (TlsHandshake.Failed) probe(legacy).probe(server.url());
                assertThat(failed.reason()).isEqualTo("no_common_parameters");
                assertThat(failed.hint()).contains("neither the modern nor the legacy").doesNotContain("legacy.enabled=true");
            }
        }
    }

    @Test
    void legacyOptInHandshakesWithTheLegacyOnlyServer() throws Exception {
        try (LoopbackTlsServer server = new LoopbackTlsServer(certs.serverContext(), TLS12, LEGACY_ONLY)) {
            TlsHandshake result = probe(true).probe(server.url());

            assertThat(result).isInstanceOf(TlsHandshake.Established.class);
            TlsHandshake.Established ok = (TlsHandshake.Established) result;
            assertThat(ok.protocol()).isEqualTo("TLSv1.2");
            assertThat(ok.cipherSuite()).isEqualTo(LEGACY_ONLY[0]);
            assertThat(ok.legacySuite()).isTrue();
            assertThat(ok.detail()).contains("legacy opt-in");
        }
    }

    @Test
    void legacyOptInStillPrefersModernSuitesWhenTheServerHasThem() throws Exception {
        try (LoopbackTlsServer server = new LoopbackTlsServer(certs.serverContext(), TLS12, null)) {
            TlsHandshake.Established ok = (TlsHandshake.Established) probe(true).probe(server.url());
            assertThat(CabinetTls.MODERN_SUITE.test(ok.cipherSuite())).as(ok.cipherSuite()).isTrue();
        }
    }

    @Test
    void untrustedCertificateAndUnreachableHostAreNamed() throws Exception {
        try (LoopbackTlsServer server = new LoopbackTlsServer(certs.serverContext(), null, null)) {
            TlsHandshake result = new TlsProbe(CabinetTls.modern(), Duration.ofSeconds(5)).probe(server.url());
            assertThat(result.state()).isEqualTo("untrusted_certificate");
            assertThat(((TlsHandshake.Failed) result).hint()).contains("telops.vats.tls.trust-store");
        }
        URI closed;
        try (LoopbackTlsServer server = new LoopbackTlsServer(certs.serverContext(), null, null)) {
            closed = server.url();
        }
        assertThat(probe(false).probe(closed).state()).isEqualTo("unreachable");
        assertThat(probe(false).probe(URI.create("http://127.0.0.1:1/")).state()).isEqualTo("not_applicable");
    }

    @Test
    void aProfileCannotEnableWhatTheJvmDisables() {
        TlsSettings tls11 = new TlsSettings(List.of("TLSv1.3"), List.of(), true, List.of("TLSv1.1"), TlsSettings.MTS_LEGACY_SUITES,
                Optional.empty(), Optional.empty(), "PKCS12");
        assertThatThrownBy(() -> CabinetTls.of(tls11)).isInstanceOf(TlsConfigurationException.class)
                .hasMessageContaining("TLSv1.1 is disabled by this JVM (jdk.tls.disabledAlgorithms");
        TlsSettings tripleDes = new TlsSettings(List.of("TLSv1.3"), List.of(), true, List.of("TLSv1.2"),
                List.of("TLS_ECDHE_RSA_WITH_3DES_EDE_CBC_SHA"), Optional.empty(), Optional.empty(), "PKCS12");
        assertThatThrownBy(() -> CabinetTls.of(tripleDes)).hasMessageContaining("TLS_ECDHE_RSA_WITH_3DES_EDE_CBC_SHA is");
        assertThat(CabinetTls.modern().cipherSuites()).allMatch(s -> CabinetTls.MODERN_SUITE.test(s)
                || s.equals("TLS_EMPTY_RENEGOTIATION_INFO_SCSV")).noneMatch(s -> s.contains("_CBC_"));
    }

    @Test
    void healthMetricAndStateReportAFailedHandshake() throws Exception {
        try (LoopbackTlsServer server = new LoopbackTlsServer(certs.serverContext(), TLS12, LEGACY_ONLY)) {
            SimpleMeterRegistry registry = new SimpleMeterRegistry();
            TlsHandshakeCheck check = new TlsHandshakeCheck(server.url(), probe(false), registry, false);
            assertThat(check.health().getStatus()).as("pending before the first check").isEqualTo(HealthCheckResponse.Status.UP);

            check.check();

            HealthCheckResponse health = check.health();
            assertThat(health.getStatus()).isEqualTo(HealthCheckResponse.Status.DOWN);
            assertThat(health.getData().orElseThrow()).containsEntry("reason", "legacy_only_server")
                    .hasEntrySatisfying("hint", h -> assertThat(h.toString()).contains("legacy.enabled"));
            assertThat(registry.get("vats.cabinet.tls.up").gauge().value()).isZero();
            assertThat(registry.get("vats.cabinet.tls.handshakes").tag("outcome", "failed").tag("reason", "legacy_only_server")
                    .counter().count()).isEqualTo(1.0);

            TlsHandshakeCheck legacy = new TlsHandshakeCheck(server.url(), probe(true), registry, false);
            legacy.check();
            assertThat(legacy.health().getStatus()).isEqualTo(HealthCheckResponse.Status.UP);
            assertThat(legacy.health().getData().orElseThrow()).containsEntry("cipherSuite", LEGACY_ONLY[0])
                    .containsEntry("protocol", "TLSv1.2");
        }
    }

    @Test
    void theWholeClientLogsInAndListsOverLegacyTlsOnlyWhenOptedIn() throws Exception {
        SSLParameters legacyOnly = new SSLParameters(LEGACY_ONLY, TLS12);
        try (VatsSimulator cabinet = VatsSimulator.startHttps("u", "p", 150, certs.serverContext(), Optional.of(legacyOnly))) {
            assertThat(cabinet.baseUrl()).startsWith("https://127.0.0.1:");

            VatsCabinetClient modern = client(cabinet, false);
            assertThatThrownBy(() -> modern.listAllTrunks(AbonentFilter.ALL)).isInstanceOf(CabinetException.Unavailable.class)
                    .hasMessageContaining("TLS handshake failed");
            assertThat(cabinet.logins()).isZero();

            assertThat(client(cabinet, true).listAllTrunks(AbonentFilter.ALL)).hasSize(150);
            assertThat(cabinet.logins()).isEqualTo(1);
        }
    }

    private static VatsCabinetClient client(VatsSimulator sim, boolean legacy) {
        CabinetSettings settings = new CabinetSettings(URI.create(sim.baseUrl()), Optional.of("u"), Optional.of("p"),
                Optional.empty(), VatsSimulator.MODULE, Duration.ofSeconds(2), Duration.ofSeconds(10), 31, 100, 50);
        return new VatsCabinetClient(settings, new CabinetTransport(settings, CabinetTls.of(certs.clientSettings(legacy))),
                CabinetObserver.NONE);
    }
}
