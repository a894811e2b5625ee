package io.telops.events;

import java.util.Optional;

/** What a consumed Kafka record turned out to be: a readable CloudEvent or something to skip and count. */
public sealed interface ConsumedRecord permits ConsumedRecord.Event, ConsumedRecord.Malformed {

    record Event(CloudEvent event) implements ConsumedRecord {
    }

    /** Not a CloudEvent we can read; {@code eventId} is there when at least the ce_id header was. */
    record Malformed(String topic, int partition, long offset, Optional<String> eventId, String reason)
            implements ConsumedRecord {

        public String position() {
            return topic + "-" + partition + "@" + offset;
        }
    }
}
