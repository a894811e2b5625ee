package io.telops.ingest.polycom;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

/**
 * ce_ids of pushed events come from what the phone sent, never from when or how often it arrived; the derivation is
 * pinned, because a replay after an upgrade has to repeat the ids already published.
 */
class EventIdsTest {
    static final PolycomEventParser PARSER = new PolycomEventParser(262_144, 500);
    static final String OFF_HOOK = "<OffHookEvent><PhoneIP>10.20.0.9</PhoneIP><MACAddress>0004f214b89e</MACAddress>"
            + "<TimeStamp>2008-07-11T13:19:53-08:00</TimeStamp></OffHookEvent>";
    static final Instant ARRIVAL = Instant.parse("2026-12-06T10:00:00Z");

    @Test
    void aPushedEventsIdIsTheNameBasedUuidOfMacTypePhoneTimeAndCanonicalElement() throws Exception {
        String name = "telops-ingest/event/0004F214B89E/io.telops.phone.off-hook.v1/2008-07-11T21:19:53Z/"
                + "<OffHookEvent><PhoneIP>10.20.0.9</PhoneIP><MACAddress>0004f214b89e</MACAddress>"
                + "<TimeStamp>2008-07-11T13:19:53-08:00</TimeStamp></OffHookEvent>";
        assertThat(ids(OFF_HOOK, "10.20.0.9", ARRIVAL))
                .containsExactly(UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)));
        assertThat(ids(OFF_HOOK, "10.20.0.9", ARRIVAL).get(0).version()).isEqualTo(3);
    }

    @Test
    void theSameBytesGiveTheSameIdsWhateverTheSenderAndArrival() throws Exception {
        String push = "<PolycomIPPhone>" + OFF_HOOK + OFF_HOOK.replace("OffHook", "OnHook") + "</PolycomIPPhone>";
        assertThat(ids(push, "10.20.0.9", ARRIVAL)).hasSize(2).doesNotHaveDuplicates()
                .isEqualTo(ids(push, "192.0.2.1", ARRIVAL.plusSeconds(30)));
    }

    @Test
    void layoutTheXmlDoesNotCarryIsNotPartOfTheId() throws Exception {
        String state = "<CallStateChangeEvent CallReference=\"0x1\" CallState=\"Connected\"><MACAddress>0004f214b89e</MACAddress>"
                + "<TimeStamp>2008-07-11T13:19:53-08:00</TimeStamp></CallStateChangeEvent>";
        String reordered = "<CallStateChangeEvent  CallState='Connected' CallReference='0x1'>\n  <MACAddress>0004f214b89e</MACAddress>\n"
                + "  <TimeStamp>2008-07-11T13:19:53-08:00</TimeStamp>\n</CallStateChangeEvent>";
        assertThat(ids(reordered, "10.20.0.9", ARRIVAL)).isEqualTo(ids(state, "10.20.0.9", ARRIVAL));
    }

    @Test
    void anyOtherContentIsAnotherEvent() throws Exception {
        UUID original = ids(OFF_HOOK, "10.20.0.9", ARRIVAL).get(0);
        assertThat(ids(OFF_HOOK.replace("13:19:53", "13:19:54"), "10.20.0.9", ARRIVAL).get(0)).isNotEqualTo(original);
        assertThat(ids(OFF_HOOK.replace("0004f214b89e", "0004f214b89f"), "10.20.0.9", ARRIVAL).get(0)).isNotEqualTo(original);
        assertThat(ids(OFF_HOOK.replace("10.20.0.9", "10.20.0.10"), "10.20.0.9", ARRIVAL).get(0)).isNotEqualTo(original);
    }

    @Test
    void eventsWithoutATimestampAreTimedAndSoIdentifiedByTheirArrival() throws Exception {
        String untimed = "<OffHookEvent><MACAddress>0004f214b89e</MACAddress></OffHookEvent>";
        assertThat(ids(untimed, "10.20.0.9", ARRIVAL)).isNotEqualTo(ids(untimed, "10.20.0.9", ARRIVAL.plusSeconds(1)));
        assertThat(ids(untimed, "10.20.0.9", ARRIVAL)).isEqualTo(ids(untimed, "10.20.0.9", ARRIVAL));
    }

    @Test
    void polledEventsKeepTheirNamespaceDerivation() {
        String name = "telops-ingest/poll/0004F214B89E/1700000000000/2";
        assertThat(EventIds.nameUuid(name)).isEqualTo(UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)));
    }

    static List<UUID> ids(String xml, String sender, Instant arrival) throws MalformedPushException {
        return PARSER.parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)), sender, arrival).stream()
                .filter(PushEntry.Recognised.class::isInstance).map(e -> ((PushEntry.Recognised) e).ceId()).toList();
    }
}
