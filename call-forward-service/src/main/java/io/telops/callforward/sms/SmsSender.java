package io.telops.callforward.sms;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import io.telops.callforward.config.CallForwardConfig;
import io.telops.callforward.events.EventIds;
import io.telops.callforward.events.Outbox;
import io.telops.callforward.plivo.PlivoApi;
import io.telops.callforward.plivo.PlivoApiException;
import io.telops.callforward.sms.SmsJobs.SmsJob;
import io.telops.contracts.callforward.SmsFailed;
import io.telops.contracts.callforward.SmsSent;

/**
 * Sends queued notification SMS through the Plivo Message API off the callback's path. 429, 5xx and transport
 * errors are retried with exponential backoff (or Plivo's Retry-After); other 4xx, a job that cannot be sent at all
 * and exhausted attempts (also counted across expired leases) end the job as FAILED with the reason, visible in the
 * voicemail list, the metrics and an {@code sms-failed} event.
 */
@ApplicationScoped
public class SmsSender {
    private static final Logger LOG = Logger.getLogger(SmsSender.class);
    private final SmsJobs jobs;
    private final PlivoApi plivo;
    private final Outbox outbox;
    private final CallForwardConfig.Sms config;
    private final MeterRegistry metrics;
    private final Clock clock = Clock.systemUTC();

    SmsSender(SmsJobs jobs, PlivoApi plivo, Outbox outbox, CallForwardConfig config, MeterRegistry metrics) {
        this.jobs = jobs;
        this.plivo = plivo;
        this.outbox = outbox;
        this.config = config.sms();
        this.metrics = metrics;
    }

    @Scheduled(every = "${telops.callforward.sms.poll-every:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        try {
            sendDue();
        } catch (RuntimeException e) {
            LOG.warnf("SMS sender pass failed, will retry: %s", e.getMessage());
        }
    }

    /** Sends every job that is due now; returns how many were attempted. One job's failure never stops the others. */
    public int sendDue() {
        int n = 0;
        for (Optional<SmsJob> job = jobs.claim(clock.instant(), config.lease()); job.isPresent();
             job = jobs.claim(clock.instant(), config.lease())) {
            try {
                send(job.get());
            } catch (RuntimeException e) {
                // the outcome could not be stored: the job keeps its lease, comes back after it and counts an attempt
                LOG.warnf("SMS %s: outcome not recorded, retried after its lease: %s", job.get().id(), e.toString());
            }
            n++;
        }
        return n;
    }

    private void send(SmsJob job) {
        int maxAttempts = Math.max(1, config.maxAttempts());
        if (job.attempts() > maxAttempts) {
            // claimed again after a lease ran out (a sender died or could not store the outcome): the cap still holds
            giveUp(job, "gave up after " + maxAttempts + " attempts; last error: " + job.lastError().orElse("none recorded"),
                    maxAttempts);
            return;
        }
        String uuid;
        try {
            uuid = plivo.sendSms(job.src(), job.dst(), job.text(), job.statusUrl().map(URI::create));
        } catch (PlivoApiException e) {
            if (e.retryable() && job.attempts() < maxAttempts) {
                jobs.retryLater(job.id(), e.getMessage(), clock.instant().plus(backoff(config, job.attempts(), e.retryAfterSeconds())));
                metrics.counter("callforward.sms", "result", "retry").increment();
                LOG.infof("SMS %s attempt %d failed (%s), retrying", job.id(), job.attempts(), e.getMessage());
            } else {
                giveUp(job, e.getMessage(), job.attempts());
            }
            return;
        } catch (RuntimeException e) {
            // not a Plivo answer but a job that cannot even be sent (bad data): every attempt would end the same way
            giveUp(job, "cannot be sent: " + e, job.attempts());
            return;
        }
        Instant now = clock.instant();
        jobs.sent(job.id(), uuid, now);
        outbox.add(EventIds.of("sms-sent", job.id()), job.callUuid(), new SmsSent(job.callUuid(), job.lineId(), job.id(),
                job.recordingId(), job.dst(), uuid, job.attempts(), now));
        metrics.counter("callforward.sms", "result", "sent").increment();
    }

    private void giveUp(SmsJob job, String reason, int attempts) {
        Instant now = clock.instant();
        jobs.failed(job.id(), reason, now);
        outbox.add(EventIds.of("sms-failed", job.id()), job.callUuid(), new SmsFailed(job.callUuid(), job.lineId(),
                job.id(), job.recordingId(), job.dst(), attempts, reason, now));
        metrics.counter("callforward.sms", "result", "failed").increment();
        LOG.warnf("SMS %s failed for good after %d attempts: %s", job.id(), attempts, reason);
    }

    /** initial * 2^(attempt-1), capped, never shorter than what Plivo asked for in Retry-After. */
    static Duration backoff(CallForwardConfig.Sms config, int attempt, long retryAfterSeconds) {
        Duration d = config.initialBackoff().multipliedBy(1L << Math.min(20, Math.max(0, attempt - 1)));
        if (d.compareTo(config.maxBackoff()) > 0) {
            d = config.maxBackoff();
        }
        Duration asked = Duration.ofSeconds(Math.max(0, retryAfterSeconds));
        return asked.compareTo(d) > 0 ? asked : d;
    }
}
