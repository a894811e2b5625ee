package io.telops.dashboard.phone;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.telops.contracts.phone.CallStateChanged;
import io.telops.dashboard.events.CloudEvent;

class PhoneEventReaderTest {

    private static CloudEvent event(String type, String key, String body) {
        return new CloudEvent("id-1", type, Optional.empty(), Optional.empty(), key, body.getBytes(StandardCharsets.UTF_8),
                "telops.phone-events", 0, 0, Instant.EPOCH);
    }

    @Test
    void readsAKnownTypeAndNormalisesTheMac() {
        PhoneDelivery delivery = PhoneEventReader.read(event("io.telops.phone.call-state-changed.v1", "0004F214B89E", """
                {"mac":"00:04:f2:14:b8:9e","phoneIp":"10.0.0.5","occurredAt":"2026-11-25T08:00:00Z","utcOffset":"+01:00",
                 "callReference":"0x12","callState":"Connected","lineNumber":1,
                 "callingParty":{"name":"Alice","number":"1001"}}"""));
        assertThat(delivery).isInstanceOfSatisfying(PhoneDelivery.Known.class, known -> {
            assertThat(known.mac()).isEqualTo("0004F214B89E");
            assertThat(known.unknownFields()).isEmpty();
            assertThat(known.model()).isEmpty();
            CallStateChanged call = (CallStateChanged) known.event();
            assertThat(call.occurredAt()).isEqualTo(Instant.parse("2026-11-25T08:00:00Z"));
            assertThat(call.calledParty()).isEmpty();
            assertThat(call.callingParty().orElseThrow().name()).isEqualTo("Alice");
        });
    }

    @Test
    void countsUnknownFieldsAndPicksUpAModel() {
        PhoneDelivery delivery = PhoneEventReader.read(event("io.telops.phone.off-hook.v1", "0004F214B89E", """
                {"mac":"0004F214B89E","phoneIp":"10.0.0.5","occurredAt":"2026-11-25T08:00:00Z","utcOffset":"Z",
                 "modelNumber":"VVX 411","hookSwitch":"handset"}"""));
        assertThat(delivery).isInstanceOfSatisfying(PhoneDelivery.Known.class, known -> {
            assertThat(known.unknownFields()).containsExactlyInAnyOrder("modelNumber", "hookSwitch");
            assertThat(known.model()).contains("VVX 411");
        });
    }

    @Test
    void takesTheMacFromTheKeyWhenTheBodyHasNone() {
        PhoneDelivery delivery = PhoneEventReader.read(event("io.telops.phone.on-hook.v1", "0004f214b89e",
                "{\"occurredAt\":\"2026-11-25T08:00:00Z\"}"));
        assertThat(delivery).isInstanceOfSatisfying(PhoneDelivery.Known.class, k -> assertThat(k.mac()).isEqualTo("0004F214B89E"));
    }

    @Test
    void unknownTypesAndUnreadableBodiesAreNotApplied() {
        assertThat(PhoneEventReader.read(event("io.telops.phone.reboot-requested.v1", "k", "{}")))
                .isInstanceOf(PhoneDelivery.UnknownType.class);
        assertThat(PhoneEventReader.read(event("io.telops.phone.on-hook.v1", "k", "[1,2]")))
                .isInstanceOf(PhoneDelivery.Invalid.class);
        assertThat(PhoneEventReader.read(event("io.telops.phone.on-hook.v1", "k", "{\"mac\":")))
                .isInstanceOf(PhoneDelivery.Invalid.class);
        assertThat(PhoneEventReader.read(event("io.telops.phone.on-hook.v1", "0004F214B89E", "{\"mac\":\"0004F214B89E\"}")))
                .isInstanceOfSatisfying(PhoneDelivery.Invalid.class, i -> assertThat(i.reason()).contains("occurredAt"));
        assertThat(PhoneEventReader.read(event("io.telops.phone.on-hook.v1", "not-a-mac", "{\"occurredAt\":\"2026-11-25T08:00:00Z\"}")))
                .isInstanceOfSatisfying(PhoneDelivery.Invalid.class, i -> assertThat(i.reason()).contains("MAC"));
        assertThat(PhoneEventReader.read(event("io.telops.phone.on-hook.v1", "k", "{\"mac\":\"0004F214B89E\",\"occurredAt\":\"noon\"}")))
                .isInstanceOf(PhoneDelivery.Invalid.class);
    }
}
