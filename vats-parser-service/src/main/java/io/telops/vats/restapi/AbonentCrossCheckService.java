package io.telops.vats.restapi;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.jboss.logging.Logger;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.telops.contracts.vats.TrunkState;
import io.telops.vats.client.VatsConfig;
import io.telops.vats.tls.CabinetTls;

/**
 * After each complete sync, when an operator configured {@code telops.vats.rest-api.token}, reads the abonent
 * list through the MTS REST API and compares it with the scraped trunks. Scraping stays the source of the
 * trunks: the outcome is only reported — {@code vats_abonents_crosscheck_runs_total{outcome}},
 * {@code vats_abonents_crosscheck_missing{side}}, the health check "MTS VATS REST API cross-check" in
 * {@code /q/health/group/cabinet}, a log line and {@code GET /api/cabinet/abonent-check}.
 */
@ApplicationScoped
public class AbonentCrossCheckService {
    private static final Logger LOG = Logger.getLogger(AbonentCrossCheckService.class);

    private final Optional<AbonentDirectory> directory;
    private final MatchBy matchBy;
    private final MeterRegistry registry;
    private final AtomicReference<CrossCheckReport> last;

    @Inject
    AbonentCrossCheckService(VatsConfig config, CabinetTls tls, MeterRegistry registry) {
        this(config.restApi().token().filter(t -> !t.isBlank()).map(token -> (AbonentDirectory) new MtsRestAbonentDirectory(
                        config.restApi().baseUrl().orElseGet(() -> URI.create(config.settings().base() + "api/")), token, tls,
                        config.connectTimeout(), config.requestTimeout())),
                config.restApi().matchBy(), registry);
    }

    AbonentCrossCheckService(Optional<AbonentDirectory> directory, MatchBy matchBy, MeterRegistry registry) {
        this.directory = directory;
        this.matchBy = matchBy;
        this.registry = registry;
        this.last = new AtomicReference<>(directory.isPresent()
                ? CrossCheckReport.without("pending", matchBy, "no complete sync yet")
                : CrossCheckReport.without("not_configured", matchBy, "telops.vats.rest-api.token is not set"));
        registry.gauge("vats.abonents.crosscheck.missing", List.of(Tag.of("side", "rest_api")),
                last, l -> l.get().missingInApiCount());
        registry.gauge("vats.abonents.crosscheck.missing", List.of(Tag.of("side", "cabinet")),
                last, l -> l.get().missingInCabinetCount());
    }

    public boolean configured() {
        return directory.isPresent();
    }

    /** Cross-checks a complete sync's trunks; never throws, never changes them. */
    public CrossCheckReport afterSync(Map<Long, TrunkState> scraped) {
        return afterSync(scraped, Set.of());
    }

    /** {@code listedWithoutNumber}: listed by the cabinet, skipped by the sync (no usable number). */
    public CrossCheckReport afterSync(Map<Long, TrunkState> scraped, Set<Long> listedWithoutNumber) {
        if (directory.isEmpty()) {
            return last.get();
        }
        CrossCheckReport report;
        try {
            report = AbonentCrossCheck.compare(scraped, listedWithoutNumber, directory.get().abonents(), matchBy, Instant.now());
        } catch (AbonentDirectoryException e) {
            report = CrossCheckReport.without(e.kind(), matchBy, e.getMessage());
        } catch (RuntimeException e) {
            report = CrossCheckReport.without("unexpected_answer", matchBy, e.toString());
        }
        last.set(report);
        registry.counter("vats.abonents.crosscheck.runs", "outcome", report.state()).increment();
        if (report.state().equals("match")) {
            LOG.infof("abonent cross-check: %s", report.detail());
        } else if (report.state().equals("mismatch")) {
            LOG.warnf("abonent cross-check MISMATCH: %s; not in the REST API: %s; not in the cabinet: %s", report.detail(),
                    report.missingInApi().subList(0, Math.min(10, report.missingInApi().size())),
                    report.missingInCabinet().subList(0, Math.min(10, report.missingInCabinet().size())));
        } else {
            LOG.warnf("abonent cross-check failed (%s): %s", report.state(), report.detail());
        }
        return report;
    }

    public CrossCheckReport last() {
        return last.get();
    }

    HealthCheckResponse health() {
        CrossCheckReport r = last.get();
        HealthCheckResponseBuilder b = HealthCheckResponse.named("MTS VATS REST API cross-check").status(r.healthy())
                .withData("state", r.state()).withData("detail", r.detail()).withData("matchBy", r.matchBy().name());
        if (r.state().equals("match") || r.state().equals("mismatch")) {
            b.withData("cabinet", r.cabinetCount()).withData("restApi", r.apiCount())
                    .withData("missingInRestApi", r.missingInApiCount()).withData("missingInCabinet", r.missingInCabinetCount())
                    .withData("at", r.at().toString());
        }
        return b.build();
    }
}
