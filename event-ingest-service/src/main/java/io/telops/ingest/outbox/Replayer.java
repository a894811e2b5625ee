package io.telops.ingest.outbox;

import java.io.ByteArrayInputStream;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.telops.ingest.IngestConfig;
import io.telops.ingest.polycom.MalformedPushException;
import io.telops.ingest.polycom.PolycomEventParser;
import io.telops.ingest.polycom.PushEntry;
import io.telops.outbox.OutboxRelay;

/**
 * Re-reads stored raw pushes with today's parser and re-enqueues their events under the original ce_ids:
 * consumers that saw them skip them, consumers that missed them (or a parser that learnt a new type) get them.
 */
@ApplicationScoped
public class Replayer {
    private final PushStore store;
    private final OutboxRelay relay;
    private final PolycomEventParser parser;

    Replayer(PushStore store, OutboxRelay relay, IngestConfig config) {
        this.store = store;
        this.relay = relay;
        this.parser = new PolycomEventParser(Math.max(config.push().maxBodyBytes(), 2 * 1024 * 1024), config.push().maxEventsPerRequest());
    }

    public record Result(int payloads, int events, int unreadable) {
    }

    public Result replay(Instant from, Instant to, int limit) throws SQLException {
        int payloads = 0;
        int events = 0;
        int unreadable = 0;
        for (PushStore.RawPush raw : store.rawPushes(from, to, limit)) {
            payloads++;
            try {
                List<PushEntry> entries = parser.parse(new ByteArrayInputStream(raw.body()), raw.remoteAddress(), raw.receivedAt());
                events += store.replay(entries);
            } catch (MalformedPushException e) {
                unreadable++;
            }
        }
        relay.nudge();
        return new Result(payloads, events, unreadable);
    }
}
