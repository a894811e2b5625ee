package io.telops.provisioning.serving;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.micrometer.core.instrument.MeterRegistry;
import io.telops.contracts.provisioning.ConfigRenderFailed;
import io.telops.provisioning.config.ProvisioningConfig;
import io.telops.provisioning.render.MissingSettingsException;
import io.telops.provisioning.render.RenderException;

/**
 * A phone asked for a file its template cannot produce. Every failure is counted
 * ({@code telops_provisioning_render_failures_total{reason}}); the log line and the {@code config-render-failed}
 * event are written once per device and file per {@code render-failure-interval}, since a phone retrying every
 * few seconds would otherwise flood both with the same news.
 */
@ApplicationScoped
public class RenderFailures {
    private static final Logger LOG = Logger.getLogger(RenderFailures.class);
    public static final String MISSING_SETTINGS = "missing-settings";
    public static final String INVALID_OUTPUT = "invalid-output";

    private final Cache<String, Instant> reported;

    @Inject
    MeterRegistry metrics;
    @Inject
    FetchRecorder recorder;

    @Inject
    RenderFailures(ProvisioningConfig config) {
        Duration interval = config.renderFailureInterval();
        reported = Caffeine.newBuilder().maximumSize(100_000).expireAfterWrite(interval).build();
    }

    public void failed(LoadedDevice device, String fileName, RenderException e, Instant now) {
        List<String> missing = e instanceof MissingSettingsException m ? m.missing() : List.of();
        String reason = e instanceof MissingSettingsException ? MISSING_SETTINGS : INVALID_OUTPUT;
        metrics.counter("telops_provisioning_render_failures_total", "reason", reason).increment();
        if (reported.asMap().putIfAbsent(device.mac() + "/" + fileName, now) != null) {
            return;
        }
        // names of placeholders only: a message never carries a rendered value
        LOG.warnf("cannot render %s for %s (template %s v%d): %s", fileName, device.mac(), device.templateId(),
                device.templateVersion(), e.getMessage());
        recorder.renderFailed(new ConfigRenderFailed(device.mac(), fileName, device.templateId(), reason, missing, now));
    }
}
