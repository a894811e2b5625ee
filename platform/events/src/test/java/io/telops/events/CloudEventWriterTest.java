package io.telops.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;

import io.telops.contracts.CloudEventHeaders;
import io.telops.contracts.Topics;
import io.telops.contracts.phone.OnHook;
import io.telops.contracts.phone.PhoneEventTypes;

/** The header values external consumers see, written the same way from an outbox row and from a contracts record. */
class CloudEventWriterTest {
    private static final String MAC = "0004F214B89E";
    private static final UUID ID = UUID.fromString("6f1c2b4e-8a1d-4c3e-9b2a-0d5e7f8a9b10");
    private static final Instant OCCURRED = Instant.parse("2026-12-07T11:00:00.120Z");
    private static final String SOURCE = "/event-ingest-service";

    @Test
    void anOutboxRowBecomesABinaryModeRecord() {
        byte[] json = "{\"a\":1}".getBytes(StandardCharsets.UTF_8);
        ProducerRecord<String, byte[]> record = CloudEventWriter.record(new OutgoingEvent(ID.toString(),
                "io.telops.vats.trunk-changed.v1", "/vats-parser-service", OCCURRED, "trunk-7", json, Topics.VATS_TRUNKS));
        assertThat(record.topic()).isEqualTo(Topics.VATS_TRUNKS);
        assertThat(record.key()).isEqualTo("trunk-7");
        assertThat(record.value()).isEqualTo(json);
        assertThat(record.partition()).isNull();
        assertThat(header(record, CloudEventHeaders.SPEC_VERSION)).isEqualTo("1.0");
        assertThat(header(record, CloudEventHeaders.ID)).isEqualTo(ID.toString());
        assertThat(header(record, CloudEventHeaders.TYPE)).isEqualTo("io.telops.vats.trunk-changed.v1");
        assertThat(header(record, CloudEventHeaders.SOURCE)).isEqualTo("/vats-parser-service");
        assertThat(header(record, CloudEventHeaders.TIME)).isEqualTo("2026-12-07T11:00:00.120Z");
        assertThat(header(record, CloudEventHeaders.SUBJECT)).isEqualTo("trunk-7");
        assertThat(header(record, CloudEventHeaders.CONTENT_TYPE)).isEqualTo("application/json");
        assertThat(record.headers().toArray()).hasSize(7);
    }

    @Test
    void ceTimeIsUtcWithTheFractionItHas() {
        assertThat(header(recordAt(Instant.parse("2026-12-07T11:00:00Z")), CloudEventHeaders.TIME)).isEqualTo("2026-12-07T11:00:00Z");
        assertThat(header(recordAt(Instant.parse("2026-12-07T11:00:00.000001Z")), CloudEventHeaders.TIME))
                .isEqualTo("2026-12-07T11:00:00.000001Z");
    }

    @Test
    void aContractsRecordTakesItsTypeAndTopicFromTheCatalogue() {
        OnHook event = new OnHook(MAC, "10.0.0.7", OCCURRED, "+01:00");
        ProducerRecord<String, byte[]> record = CloudEventWriter.record(OutgoingEvent.of(ID, SOURCE, OCCURRED, MAC, event));
        assertThat(record.topic()).isEqualTo(Topics.PHONE_EVENTS);
        assertThat(header(record, CloudEventHeaders.TYPE)).isEqualTo(PhoneEventTypes.ON_HOOK.type());
        assertThat(new String(record.value(), StandardCharsets.UTF_8))
                .isEqualTo("{\"mac\":\"0004F214B89E\",\"phoneIp\":\"10.0.0.7\",\"occurredAt\":\"2026-12-07T11:00:00.120Z\",\"utcOffset\":\"+01:00\"}");
    }

    @Test
    void aRecordOutsideTheCatalogueIsRefused() {
        record NotAnEvent(String x) {
        }
        assertThatThrownBy(() -> OutgoingEvent.of(ID, SOURCE, OCCURRED, MAC, new NotAnEvent("x")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("NotAnEvent");
    }

    private static ProducerRecord<String, byte[]> recordAt(Instant time) {
        return CloudEventWriter.record(new OutgoingEvent("e", "io.telops.x.v1", SOURCE, time, "k", new byte[0], "t"));
    }

    private static String header(ProducerRecord<String, byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
