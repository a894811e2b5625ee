package io.telops.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import io.telops.contracts.phone.OffHook;
import io.telops.contracts.phone.PhoneEventTypes;

/** Bodies decoded through the catalogue: unknown types and unknown fields tolerated, broken bodies reported. */
class EventBodyTest {
    private static final String OFF_HOOK = PhoneEventTypes.OFF_HOOK.type();

    @Test
    void aKnownTypeBecomesItsRecordAndUnknownFieldsAreIgnored() {
        EventBody body = EventBody.of(OFF_HOOK, bytes("""
                {"mac":"0004F214B89E","phoneIp":"10.0.0.7","occurredAt":"2026-12-07T11:00:00Z","utcOffset":"Z","addedLater":[1,2]}"""));
        assertThat(body).isEqualTo(new EventBody.Known(PhoneEventTypes.OFF_HOOK,
                new OffHook("0004F214B89E", "10.0.0.7", Instant.parse("2026-12-07T11:00:00Z"), "Z")));
    }

    @Test
    void anUnknownTypeIsReportedNotThrown() {
        assertThat(EventBody.of("io.telops.phone.teleported.v9", bytes("{}")))
                .isEqualTo(new EventBody.UnknownType("io.telops.phone.teleported.v9"));
    }

    @Test
    void aBodyThatIsNotJsonIsUnreadable() {
        assertThat(EventBody.of(OFF_HOOK, bytes("<xml/>")))
                .isInstanceOfSatisfying(EventBody.Unreadable.class, u -> assertThat(u.type()).isEqualTo(PhoneEventTypes.OFF_HOOK));
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
