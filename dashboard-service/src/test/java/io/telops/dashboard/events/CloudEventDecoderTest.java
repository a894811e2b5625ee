package io.telops.dashboard.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

import io.telops.contracts.CloudEventHeaders;

class CloudEventDecoderTest {

    private static ConsumerRecord<String, byte[]> record(String key, byte[] body, String... headers) {
        ConsumerRecord<String, byte[]> record = new ConsumerRecord<>("telops.phone-events", 1, 42L, key, body);
        for (int i = 0; i < headers.length; i += 2) {
            record.headers().add(headers[i], headers[i + 1].getBytes(StandardCharsets.UTF_8));
        }
        return record;
    }

    @Test
    void readsTheBinaryModeHeaders() {
        ConsumedRecord decoded = CloudEventDecoder.decode(record("0004F214B89E", "{}".getBytes(StandardCharsets.UTF_8),
                CloudEventHeaders.SPEC_VERSION, "1.0", CloudEventHeaders.ID, "e-1",
                CloudEventHeaders.TYPE, "io.telops.phone.off-hook.v1", CloudEventHeaders.SOURCE, "/event-ingest-service",
                CloudEventHeaders.TIME, "2026-11-25T09:00:00.123+01:00"));
        assertThat(decoded).isInstanceOf(ConsumedRecord.Event.class);
        CloudEvent event = ((ConsumedRecord.Event) decoded).event();
        assertThat(event.id()).isEqualTo("e-1");
        assertThat(event.shortType()).isEqualTo("off-hook");
        assertThat(event.time()).contains(Instant.parse("2026-11-25T08:00:00.123Z"));
        assertThat(event.source()).contains("/event-ingest-service");
        assertThat(event.key()).isEqualTo("0004F214B89E");
        assertThat(event.position()).isEqualTo("telops.phone-events-1@42");
    }

    @Test
    void theReceiveTimeIsTheRecordsTimestampButNeverLaterThanNow() {
        Instant published = Instant.parse("2026-11-25T08:00:00.250Z");
        assertThat(CloudEventDecoder.receivedAt(timed(published.toEpochMilli()))).isEqualTo(published);
        Instant before = Instant.now();
        // a producer clock an hour ahead, and a record without a timestamp: both count as received now
        assertThat(CloudEventDecoder.receivedAt(timed(before.plusSeconds(3600).toEpochMilli())))
                .isBetween(before.minusMillis(1), Instant.now());
        assertThat(CloudEventDecoder.receivedAt(timed(-1))).isBetween(before.minusMillis(1), Instant.now());
    }

    private static ConsumerRecord<String, byte[]> timed(long timestamp) {
        return new ConsumerRecord<>("telops.phone-events", 0, 0L, timestamp, TimestampType.CREATE_TIME, -1, -1, "k",
                new byte[0], new RecordHeaders(), Optional.empty());
    }

    @Test
    void recordsWithoutIdTypeOrBodyOrWithABadTimeAreMalformed() {
        byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
        assertThat(CloudEventDecoder.decode(record("k", body, CloudEventHeaders.TYPE, "io.telops.x.v1")))
                .isInstanceOfSatisfying(ConsumedRecord.Malformed.class, m -> {
                    assertThat(m.eventId()).isEmpty();
                    assertThat(m.reason()).contains("ce_id");
                });
        assertThat(CloudEventDecoder.decode(record("k", body, CloudEventHeaders.ID, "e-2")))
                .isInstanceOfSatisfying(ConsumedRecord.Malformed.class, m -> assertThat(m.eventId()).contains("e-2"));
        assertThat(CloudEventDecoder.decode(record("k", null, CloudEventHeaders.ID, "e-3", CloudEventHeaders.TYPE, "io.telops.x.v1")))
                .isInstanceOf(ConsumedRecord.Malformed.class);
        assertThat(CloudEventDecoder.decode(record("k", body, CloudEventHeaders.ID, "e-4", CloudEventHeaders.TYPE, "io.telops.x.v1",
                CloudEventHeaders.TIME, "yesterday"))).isInstanceOfSatisfying(ConsumedRecord.Malformed.class,
                m -> assertThat(m.reason()).contains("ce_time"));
        assertThat(CloudEventDecoder.decode(record("k", body, CloudEventHeaders.ID, "e-5", CloudEventHeaders.TYPE, "io.telops.x.v1",
                CloudEventHeaders.SPEC_VERSION, "0.3"))).isInstanceOf(ConsumedRecord.Malformed.class);
        assertThat(CloudEventDecoder.decode(record("k", body, CloudEventHeaders.ID, "x".repeat(201), CloudEventHeaders.TYPE, "io.telops.x.v1")))
                .isInstanceOf(ConsumedRecord.Malformed.class);
    }
}
