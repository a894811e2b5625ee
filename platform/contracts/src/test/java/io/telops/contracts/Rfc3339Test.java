package io.telops.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;

class Rfc3339Test {
    private static final List<String> SAMPLES = List.of(
            "2026-11-25T13:54:38Z", "2026-11-25T13:54:38.1Z", "2026-11-25T13:54:38.123456789Z",
            "2026-11-25T13:54:38.120+01:00", "1999-12-31T23:59:59-05:30", "2024-02-29T00:00:00+14:00",
            "2026-01-01T00:00:00-00:00", "0001-01-01T00:00:00Z", "9999-12-31T23:59:59.999999999-18:00");

    @Test
    void theFastPathAgreesWithTheJdk() {
        for (String sample : SAMPLES) {
            assertThat(Rfc3339.fastInstant(sample)).as(sample).isNotNull().isEqualTo(OffsetDateTime.parse(sample).toInstant());
        }
        Random random = new Random(3);
        for (int i = 0; i < 10_000; i++) {
            Instant instant = Instant.ofEpochSecond(random.nextLong(-2_000_000_000L, 4_000_000_000L), random.nextInt(1_000_000_000));
            int offsetMinutes = random.nextInt(-18 * 60, 18 * 60 + 1);
            String text = instant.atOffset(java.time.ZoneOffset.ofTotalSeconds(offsetMinutes * 60)).toString();
            assertThat(Rfc3339.parse(text)).as(text).isEqualTo(OffsetDateTime.parse(text).toInstant());
            assertThat(Rfc3339.parseOffsetDateTime(text)).as(text).isEqualTo(OffsetDateTime.parse(text));
        }
    }

    @Test
    void theOffsetDateTimeKeepsTheOffsetItWasWrittenIn() {
        for (String sample : SAMPLES) {
            assertThat(Rfc3339.parseOffsetDateTime(sample)).as(sample).isEqualTo(OffsetDateTime.parse(sample));
        }
        assertThat(Rfc3339.parseOffsetDateTime("2008-07-11T13:19:53-08:00").getOffset().getId()).isEqualTo("-08:00");
        // not the fast shape: the JDK decides, offset included
        assertThat(Rfc3339.parseOffsetDateTime("2008-07-11T13:19-08:00")).isEqualTo(OffsetDateTime.parse("2008-07-11T13:19-08:00"));
        assertThatThrownBy(() -> Rfc3339.parseOffsetDateTime("2026-02-30T00:00:00Z")).isInstanceOf(DateTimeParseException.class);
    }

    @Test
    void otherShapesAndInvalidValuesGoToTheJdkWhichDecides() {
        // valid for the JDK but not the fast shape: still parsed
        for (String other : List.of("2026-11-25T13:54Z", "2026-11-25T13:54:38+01:00:30", "2026-11-25T13:54:38.Z")) {
            assertThat(Rfc3339.fastInstant(other)).as(other).isNull();
            assertThat(Rfc3339.parse(other)).as(other).isEqualTo(OffsetDateTime.parse(other).toInstant());
        }
        for (String invalid : List.of("2026-13-01T00:00:00Z", "2026-02-30T00:00:00Z", "2026-11-25T24:00:00Z",
                "2026-11-25T23:59:60Z", "2026-11-25T13:54:38", "2026-11-25T13:54:38.1234567890Z",
                "2026-11-25T13:54:38+19:00", "2026-11-25 13:54:38Z", "x026-11-25T13:54:38Z", "")) {
            assertThat(Rfc3339.fastInstant(invalid)).as(invalid).isNull();
            assertThatThrownBy(() -> Rfc3339.parse(invalid)).as(invalid).isInstanceOf(DateTimeParseException.class);
        }
    }

    record Stamp(Instant at) {
    }

    @Test
    void jacksonReadsTheSameInstantsWithAndWithoutTheFastPath() throws Exception {
        ObjectMapper plain = EventJson.mapper();
        ObjectMapper fast = EventJson.mapper().registerModule(new SimpleModule().addDeserializer(Instant.class, new Rfc3339.InstantReader()));
        for (String value : List.of("\"2026-11-25T13:54:38.5+02:00\"", "\"2026-11-25T13:54:38Z\"",
                "1764078878", "1764078878.25", "null")) {
            String json = "{\"at\":" + value + "}";
            assertThat(fast.readValue(json, Stamp.class)).as(json).isEqualTo(plain.readValue(json, Stamp.class));
        }
        assertThat(fast.readValue("{\"at\":\"2026-11-25T13:54:38Z\"}", Stamp.class).at()).isEqualTo(Instant.parse("2026-11-25T13:54:38Z"));
        for (String rejected : List.of("yesterday", "2026-11-25T13:54Z")) {
            String json = "{\"at\":\"" + rejected + "\"}";
            assertThatThrownBy(() -> plain.readValue(json, Stamp.class)).as(json).isInstanceOf(Exception.class);
            assertThatThrownBy(() -> fast.readValue(json, Stamp.class)).as(json).isInstanceOf(Exception.class);
        }
    }
}
