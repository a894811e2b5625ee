package io.telops.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

import io.telops.contracts.CloudEventHeaders;

/** Binary-mode headers read into a CloudEvent, and every hostile header set refused as malformed, never thrown. */
class CloudEventReaderTest {
    private static final byte[] BODY = "{}".getBytes(StandardCharsets.UTF_8);
    private static final String SOME_TYPE = "io.telops.x.v1";

    private static ConsumerRecord<String, byte[]> record(String key, byte[] body, String... headers) {
        ConsumerRecord<String, byte[]> record = new ConsumerRecord<>("telops.phone-events", 1, 42L, key, body);
        for (int i = 0; i < headers.length; i += 2) {
            record.headers().add(headers[i], headers[i + 1].getBytes(StandardCharsets.UTF_8));
        }
        return record;
    }

    @Test
    void readsTheBinaryModeHeaders() {
        ConsumedRecord read = CloudEventReader.read(record("0004F214B89E", BODY,
                CloudEventHeaders.SPEC_VERSION, "1.0", CloudEventHeaders.ID, "e-1",
                CloudEventHeaders.TYPE, "io.telops.phone.off-hook.v1", CloudEventHeaders.SOURCE, "/event-ingest-service",
                CloudEventHeaders.TIME, "2026-11-25T09:00:00.123+01:00"));
        assertThat(read).isInstanceOf(ConsumedRecord.Event.class);
        CloudEvent event = ((ConsumedRecord.Event) read).event();
        assertThat(event.id()).isEqualTo("e-1");
        assertThat(event.shortType()).isEqualTo("off-hook");
        assertThat(event.time()).contains(Instant.parse("2026-11-25T08:00:00.123Z"));
        assertThat(event.source()).contains("/event-ingest-service");
        assertThat(event.key()).isEqualTo("0004F214B89E");
        assertThat(event.data()).isEqualTo(BODY);
        assertThat(event.position()).isEqualTo("telops.phone-events-1@42");
    }

    @Test
    void optionalAttributesMayBeMissingAndBlankCountsAsMissing() {
        ConsumedRecord read = CloudEventReader.read(record(null, BODY, CloudEventHeaders.ID, " e-9 ",
                CloudEventHeaders.TYPE, SOME_TYPE, CloudEventHeaders.SOURCE, "  "));
        assertThat(read).isInstanceOfSatisfying(ConsumedRecord.Event.class, e -> {
            assertThat(e.event().id()).isEqualTo("e-9");
            assertThat(e.event().source()).isEmpty();
            assertThat(e.event().time()).isEmpty();
            assertThat(e.event().key()).isEmpty();
        });
    }

    @Test
    void theReceiveTimeIsTheRecordsTimestampButNeverLaterThanNow() {
        Instant published = Instant.parse("2026-11-25T08:00:00.250Z");
        assertThat(CloudEventReader.receivedAt(timed(published.toEpochMilli()))).isEqualTo(published);
        Instant before = Instant.now();
        // a producer clock an hour ahead, and a record without a timestamp: both count as received now
        assertThat(CloudEventReader.receivedAt(timed(before.plusSeconds(3600).toEpochMilli())))
                .isBetween(before.minusMillis(1), Instant.now());
        assertThat(CloudEventReader.receivedAt(timed(-1))).isBetween(before.minusMillis(1), Instant.now());
    }

    private static ConsumerRecord<String, byte[]> timed(long timestamp) {
        return new ConsumerRecord<>("telops.phone-events", 0, 0L, timestamp, TimestampType.CREATE_TIME, -1, -1, "k",
                new byte[0], new RecordHeaders(), Optional.empty());
    }

    @Test
    void aRecordWithoutIdIsMalformedWithoutAnId() {
        assertThat(CloudEventReader.read(record("k", BODY, CloudEventHeaders.TYPE, SOME_TYPE)))
                .isInstanceOfSatisfying(ConsumedRecord.Malformed.class, m -> {
                    assertThat(m.eventId()).isEmpty();
                    assertThat(m.reason()).contains("ce_id");
                    assertThat(m.position()).isEqualTo("telops.phone-events-1@42");
                });
    }

    @Test
    void aRecordWithoutTypeIsMalformedButKeepsItsId() {
        assertThat(CloudEventReader.read(record("k", BODY, CloudEventHeaders.ID, "e-2")))
                .isInstanceOfSatisfying(ConsumedRecord.Malformed.class, m -> assertThat(m.eventId()).contains("e-2"));
    }

    @Test
    void aRecordWithoutBodyIsMalformed() {
        assertThat(CloudEventReader.read(record("k", null, CloudEventHeaders.ID, "e-3", CloudEventHeaders.TYPE, SOME_TYPE)))
                .isInstanceOfSatisfying(ConsumedRecord.Malformed.class, m -> assertThat(m.reason()).contains("body"));
    }

    @Test
    void aTimeThatIsNotRfc3339IsMalformed() {
        assertThat(CloudEventReader.read(record("k", BODY, CloudEventHeaders.ID, "e-4", CloudEventHeaders.TYPE, SOME_TYPE,
                CloudEventHeaders.TIME, "yesterday"))).isInstanceOfSatisfying(ConsumedRecord.Malformed.class,
                m -> assertThat(m.reason()).contains("ce_time"));
    }

    @Test
    void anotherSpecVersionIsMalformed() {
        assertThat(CloudEventReader.read(record("k", BODY, CloudEventHeaders.ID, "e-5", CloudEventHeaders.TYPE, SOME_TYPE,
                CloudEventHeaders.SPEC_VERSION, "0.3"))).isInstanceOfSatisfying(ConsumedRecord.Malformed.class,
                m -> assertThat(m.reason()).contains("0.3"));
    }

    @Test
    void oversizedIdOrTypeIsMalformed() {
        String tooLong = "x".repeat(CloudEventReader.MAX_ATTRIBUTE_LENGTH + 1);
        assertThat(CloudEventReader.read(record("k", BODY, CloudEventHeaders.ID, tooLong, CloudEventHeaders.TYPE, SOME_TYPE)))
                .isInstanceOfSatisfying(ConsumedRecord.Malformed.class, m -> assertThat(m.eventId()).isEmpty());
        assertThat(CloudEventReader.read(record("k", BODY, CloudEventHeaders.ID, "e-6", CloudEventHeaders.TYPE, tooLong)))
                .isInstanceOf(ConsumedRecord.Malformed.class);
    }
}
