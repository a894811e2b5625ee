package io.telops.provisioning.serving;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.jboss.logging.Logger;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import io.telops.contracts.provisioning.AuthFailed;
import io.telops.contracts.provisioning.ConfigFetched;
import io.telops.contracts.provisioning.ConfigRenderFailed;
import io.telops.contracts.provisioning.ProvisioningEvent;
import io.telops.provisioning.events.Outbox;

/**
 * Fetches and refusals are recorded off the request path: queued in memory (bounded) and written
 * each second in one transaction (device last-fetch columns, MAC lock, outbox rows). A fetch is not
 * a state change the phone relies on, so a crash may lose up to one second of these events; device
 * changes made through the API are written in their own transaction and never lost.
 */
@ApplicationScoped
public class FetchRecorder {
    private static final Logger LOG = Logger.getLogger(FetchRecorder.class);
    private static final int CAPACITY = 100_000;

    private final ArrayBlockingQueue<ProvisioningEvent> queue = new ArrayBlockingQueue<>(CAPACITY);

    @Inject
    Outbox outbox;
    @Inject
    EntityManager em;
    @Inject
    MeterRegistry metrics;

    public void fetched(ConfigFetched event) {
        offer(event);
    }

    public void refused(AuthFailed event) {
        offer(event);
    }

    public void renderFailed(ConfigRenderFailed event) {
        offer(event);
    }

    private void offer(ProvisioningEvent event) {
        if (!queue.offer(event)) {
            metrics.counter("telops_provisioning_fetch_records_dropped_total").increment();
        }
    }

    @Scheduled(every = "${telops.provisioning.fetch-flush-interval:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void flushScheduled() {
        try {
            flush();
        } catch (RuntimeException e) {
            LOG.warnf("fetch records not written yet (store unavailable?): %s", e.getMessage());
        }
    }

    /** Writes what is queued; on failure the records go back to the queue (bounded) for the next attempt. */
    public int flush() {
        int written = 0;
        while (!queue.isEmpty()) {
            List<ProvisioningEvent> batch = new ArrayList<>(2000);
            queue.drainTo(batch, 2000);
            try {
                QuarkusTransaction.requiringNew().run(() -> write(batch));
            } catch (RuntimeException e) {
                batch.forEach(queue::offer);
                throw e;
            }
            written += batch.size();
        }
        return written;
    }

    private void write(List<ProvisioningEvent> batch) {
        List<ConfigFetched> fetches = batch.stream().filter(e -> e instanceof ConfigFetched).map(e -> (ConfigFetched) e).toList();
        if (!fetches.isEmpty()) {
            em.unwrap(org.hibernate.Session.class).doWork(connection -> {
                // a successful fetch made after a re-sync request clears its mark (both CASEs read the old row)
                try (java.sql.PreparedStatement ps = connection.prepareStatement("UPDATE device SET last_fetch_at = ?, "
                        + "last_fetch_ip = ?, last_user_agent = ?, last_template_version = ?, last_status = ?, last_fetch_file = ?, "
                        + "locked_address = CASE WHEN mac_lock THEN COALESCE(locked_address, ?) ELSE locked_address END, "
                        + "resync_requested_by = CASE WHEN ? AND resync_requested_at <= ? THEN NULL ELSE resync_requested_by END, "
                        + "resync_requested_at = CASE WHEN ? AND resync_requested_at <= ? THEN NULL ELSE resync_requested_at END "
                        + "WHERE mac = ?")) {
                    for (ConfigFetched f : fetches) {
                        java.sql.Timestamp at = java.sql.Timestamp.from(f.occurredAt());
                        boolean delivered = !"stale".equals(f.status());
                        ps.setTimestamp(1, at);
                        ps.setString(2, f.clientIp());
                        ps.setString(3, f.userAgent().orElse(null));
                        ps.setInt(4, f.templateVersion());
                        ps.setString(5, f.status());
                        ps.setString(6, f.fileName());
                        ps.setString(7, f.clientIp());
                        ps.setBoolean(8, delivered);
                        ps.setTimestamp(9, at);
                        ps.setBoolean(10, delivered);
                        ps.setTimestamp(11, at);
                        ps.setString(12, f.mac());
                        ps.addBatch();
                    }
                    ps.executeBatch();
                }
            });
        }
        batch.forEach(outbox::add);
    }

    public int pending() {
        return queue.size();
    }

    static Optional<String> userAgent(String ua) {
        if (ua == null || ua.isBlank()) {
            return Optional.empty();
        }
        String clean = ua.chars().filter(c -> !Character.isISOControl(c))
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
        return Optional.of(clean.length() > 256 ? clean.substring(0, 256) : clean);
    }

    static Instant now() {
        return Instant.now();
    }
}
