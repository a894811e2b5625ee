package io.telops.vats.tls;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.jboss.logging.Logger;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import io.telops.vats.client.VatsConfig;

/**
 * Checks early that this JVM's TLS handshake with the cabinet works: once at startup (off the startup
 * thread, so a slow cabinet does not delay boot) and on demand. Reports in {@code /q/health/group/cabinet}
 * ("MTS VATS TLS handshake", DOWN with the reason and a hint), in {@code vats_cabinet_tls_handshakes_total{outcome,reason}}
 * and {@code vats_cabinet_tls_up}, and in the log with the negotiated protocol and suite.
 */
@ApplicationScoped
public class TlsHandshakeCheck {
    private static final Logger LOG = Logger.getLogger(TlsHandshakeCheck.class);

    private final URI baseUrl;
    private final boolean atStartup;
    private final TlsProbe probe;
    private final MeterRegistry registry;
    private final AtomicReference<TlsHandshake> last;

    @Inject
    TlsHandshakeCheck(VatsConfig config, CabinetTls tls, MeterRegistry registry) {
        this(config.baseUrl(), new TlsProbe(tls, config.connectTimeout()), registry, config.tls().checkAtStartup());
    }

    TlsHandshakeCheck(URI baseUrl, TlsProbe probe, MeterRegistry registry, boolean atStartup) {
        this.baseUrl = baseUrl;
        this.atStartup = atStartup;
        this.probe = probe;
        this.registry = registry;
        this.last = new AtomicReference<>(new TlsHandshake.Pending(baseUrl.getHost()));
        registry.gauge("vats.cabinet.tls.up", last, l -> l.get().up() ? 1 : 0);
    }

    void onStart(@Observes StartupEvent event) {
        if (atStartup) {
            CompletableFuture.runAsync(this::check);
        }
    }

    /** Handshakes now and records the outcome. */
    public TlsHandshake check() {
        TlsHandshake result = probe.probe(baseUrl);
        last.set(result);
        String outcome = result instanceof TlsHandshake.Failed ? "failed" : result.state();
        registry.counter("vats.cabinet.tls.handshakes", "outcome", outcome, "reason", result.state()).increment();
        if (result.up()) {
            LOG.infof("TLS handshake with the cabinet: %s", result.detail());
        } else {
            LOG.warnf("TLS handshake with the cabinet FAILED (%s): %s", result.state(), result.detail());
        }
        return result;
    }

    public TlsHandshake last() {
        return last.get();
    }

    /** The last outcome as flat fields (health data and the REST API). */
    public static Map<String, Object> summary(TlsHandshake h) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("state", h.state());
        m.put("up", h.up());
        m.put("detail", h.detail());
        if (h instanceof TlsHandshake.Established e) {
            m.put("protocol", e.protocol());
            m.put("cipherSuite", e.cipherSuite());
            m.put("legacySuite", e.legacySuite());
            m.put("peerSubject", e.peerSubject());
            m.put("peerNotAfter", e.peerNotAfter().toString());
        } else if (h instanceof TlsHandshake.Failed f) {
            m.put("reason", f.reason());
            m.put("hint", f.hint());
        }
        return m;
    }

    /** The health response for {@link TlsHealthCheck}. */
    public HealthCheckResponse health() {
        TlsHandshake h = last.get();
        HealthCheckResponseBuilder b = HealthCheckResponse.named("MTS VATS TLS handshake").status(h.up());
        summary(h).forEach((k, v) -> {
            if (!k.equals("up")) {
                b.withData(k, String.valueOf(v));
            }
        });
        return b.build();
    }
}
