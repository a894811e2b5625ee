package io.telops.dashboard.events;

import java.time.Instant;
import java.util.Optional;

/**
 * A consumed CloudEvent as the dashboard's projections take it: the fields of {@link io.telops.events.CloudEvent},
 * which {@code platform/events} reads from the record ({@code receivedAt} is the record's timestamp, never the
 * producer's clock). The projections can take the platform type itself once their imports name it.
 */
public record CloudEvent(String id, String type, Optional<String> source, Optional<Instant> time, String key,
                         byte[] data, String topic, int partition, long offset, Instant receivedAt) {

    static CloudEvent of(io.telops.events.CloudEvent e) {
        return new CloudEvent(e.id(), e.type(), e.source(), e.time(), e.key(), e.data(), e.topic(), e.partition(),
                e.offset(), e.receivedAt());
    }

    /** {@code io.telops.phone.call-state-changed.v1} -> {@code call-state-changed}: the label an operator reads. */
    public String shortType() {
        return io.telops.events.CloudEvent.shortType(type);
    }

    public String position() {
        return topic + "-" + partition + "@" + offset;
    }
}
