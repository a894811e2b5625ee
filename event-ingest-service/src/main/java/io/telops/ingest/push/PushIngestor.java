package io.telops.ingest.push;

import java.io.ByteArrayInputStream;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.telops.contracts.phone.PhoneEventTypes;
import io.telops.ingest.IngestConfig;
import io.telops.ingest.metrics.IngestMetrics;
import io.telops.ingest.outbox.GroupCommitter;
import io.telops.ingest.outbox.OutboxRelay;
import io.telops.ingest.outbox.OutboxStore;
import io.telops.ingest.polycom.MalformedPushException;
import io.telops.ingest.polycom.PolycomEventParser;
import io.telops.ingest.polycom.PushEntry;
import io.telops.ingest.polycom.PushTooLargeException;

/** Parses a push, stores it durably (raw + events, one transaction), counts it, wakes the relay. */
@ApplicationScoped
public class PushIngestor {
    private static final Logger LOG = Logger.getLogger(PushIngestor.class);

    private final PolycomEventParser parser;
    private final GroupCommitter committer;
    private final OutboxRelay relay;
    private final IngestMetrics metrics;

    PushIngestor(IngestConfig config, GroupCommitter committer, OutboxRelay relay, IngestMetrics metrics) {
        this.parser = new PolycomEventParser(config.push().maxBodyBytes(), config.push().maxEventsPerRequest());
        this.committer = committer;
        this.relay = relay;
        this.metrics = metrics;
    }

    /** The answer to the phone: how many events of the push were accepted, and the receipt to find it again. */
    public record Receipt(long receipt, int accepted, int unrecognised, int invalid) {
    }

    public Receipt ingest(String remoteAddress, Optional<String> contentType, byte[] body) {
        List<PushEntry> entries;
        try {
            entries = parser.parse(new ByteArrayInputStream(body), remoteAddress, Instant.now());
        } catch (PushTooLargeException e) {
            throw new PushRejectedException(Problem.of(413, "push-too-large", "Body too large", e.getMessage()), "too_large");
        } catch (MalformedPushException e) {
            throw new PushRejectedException(Problem.of(400, "push-malformed", "Malformed phone event XML", e.getMessage()), "malformed");
        }
        OutboxStore.Accepted accepted;
        try {
            accepted = committer.accept(new OutboxStore.Push(remoteAddress, contentType, body, entries));
        } catch (SQLException e) {
            LOG.errorf("cannot store push from %s: %s", remoteAddress, e);
            // not acknowledged: the phone may retry, nothing was half-written
            throw new PushRejectedException(Problem.of(503, "push-store-unavailable", "Temporarily unable to accept",
                    "events could not be stored; nothing was accepted"), "store");
        }
        relay.nudge();
        count(entries);
        if (accepted.recognised() == 0 && accepted.unrecognised() == 0) {
            String reasons = entries.stream().map(e -> e.element() + ": " + ((PushEntry.Invalid) e).reason()).distinct()
                    .limit(5).reduce((a, b) -> a + "; " + b).orElse("");
            throw new PushRejectedException(Problem.of(422, "push-invalid-events", "No usable event",
                    reasons + " (kept for audit as receipt " + accepted.rawId() + ")"), "invalid");
        }
        return new Receipt(accepted.rawId(), accepted.recognised(), accepted.unrecognised(), accepted.invalid());
    }

    private void count(List<PushEntry> entries) {
        for (PushEntry entry : entries) {
            if (entry instanceof PushEntry.Recognised r) {
                String type = shortType(PhoneEventTypes.of(r.event()).type());
                metrics.received(type);
                metrics.accepted(type);
            } else if (entry instanceof PushEntry.Unrecognised) {
                metrics.received("unknown");
                metrics.unrecognised();
            } else if (entry instanceof PushEntry.Invalid v) {
                // only elements we know become Invalid, so the tag set stays bounded
                metrics.received(v.element());
                metrics.rejected(v.element(), "invalid");
            }
        }
    }

    static String shortType(String ceType) {
        return ceType.replaceFirst("^io\\.telops\\.phone\\.", "").replaceFirst("\\.v\\d+$", "");
    }
}
