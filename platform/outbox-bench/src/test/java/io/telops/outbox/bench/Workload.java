package io.telops.outbox.bench;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The events of one phase, by index: ids, and the monotonic times at which each was committed and first received.
 * The writer and the consumer run in the bench JVM, so one {@link System#nanoTime()} clock serves both ends.
 */
final class Workload {
    static final String TYPE = "io.telops.bench.CallEnded.v1";
    private static final int KEYS = 100;

    final String topic;
    final UUID[] ids;
    final long[] committedAt;
    final long[] receivedAt;
    private final Map<UUID, Integer> index;

    Workload(String topic, int count) {
        this.topic = topic;
        this.ids = new UUID[count];
        this.committedAt = new long[count];
        this.receivedAt = new long[count];
        this.index = new HashMap<>(count * 2);
        for (int i = 0; i < count; i++) {
            ids[i] = UUID.randomUUID();
            index.put(ids[i], i);
        }
    }

    int size() {
        return ids.length;
    }

    /** The index of a ce_id, or -1 for one this phase did not write. */
    int indexOf(UUID id) {
        return index.getOrDefault(id, -1);
    }

    String key(int i) {
        return "call-" + (i % KEYS);
    }

    /** About 300 bytes of JSON, the size of the services' call and ledger events. */
    String payload(int i, Instant at) {
        return "{\"callId\":\"" + ids[i] + "\",\"trunk\":\"" + key(i) + "\",\"from\":\"+74951234567\",\"to\":\"+74957654321\","
                + "\"direction\":\"INBOUND\",\"startedAt\":\"" + at + "\",\"endedAt\":\"" + at + "\",\"billableSeconds\":" + (i % 600)
                + ",\"disposition\":\"ANSWERED\",\"codec\":\"PCMA\",\"sipCallId\":\"" + ids[i] + "@pbx\"}";
    }
}
