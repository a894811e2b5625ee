package io.telops.ingest.polycom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.telops.contracts.phone.CallStateChanged;
import io.telops.contracts.phone.IncomingCall;
import io.telops.contracts.phone.LineRegistered;
import io.telops.contracts.phone.LineUnregistered;
import io.telops.contracts.phone.OffHook;
import io.telops.contracts.phone.OnHook;
import io.telops.contracts.phone.OutgoingCall;
import io.telops.contracts.phone.Party;
import io.telops.contracts.phone.PhoneEvent;
import io.telops.contracts.phone.PhoneLocked;
import io.telops.contracts.phone.PhoneUnlocked;
import io.telops.contracts.phone.UiInitialized;
import io.telops.contracts.phone.UserLoggedIn;
import io.telops.contracts.phone.UserLoggedOut;

class PolycomEventParserTest {
    static final Instant RECEIVED = Instant.parse("2026-01-01T00:00:00Z");
    static final Instant DOC_INSTANT = Instant.parse("2008-07-11T21:19:53Z");
    final PolycomEventParser parser = new PolycomEventParser(64 * 1024, 100);

    @Test
    void readsTheVerbatimIncomingCallSampleOfUcSoftware500() throws Exception {
        PhoneEvent event = single("docs/ucs500-table18-incoming-call-event.xml");
        assertThat(event).isEqualTo(new IncomingCall("0004F214B89E", "172.24.132.135", DOC_INSTANT, "-08:00",
                new Party("20701", "20701@172.18.186.94"), new Party("20300", "20300")));
    }

    @Test
    void readsTheVerbatimWrappedSampleOfSip31() throws Exception {
        assertThat(single("docs/sip31-incoming-call-event.xml")).isEqualTo(single("docs/ucs500-table18-incoming-call-event.xml"));
    }

    @ParameterizedTest
    @CsvSource({
            "OutgoingCallEvent, io.telops.contracts.phone.OutgoingCall",
            "OffHookEvent, io.telops.contracts.phone.OffHook",
            "OnHookEvent, io.telops.contracts.phone.OnHook",
            "PhoneLockedEvent, io.telops.contracts.phone.PhoneLocked",
            "PhoneUnlockedEvent, io.telops.contracts.phone.PhoneUnlocked",
            "LineRegistrationEvent, io.telops.contracts.phone.LineRegistered",
            "LineUnregistrationEvent, io.telops.contracts.phone.LineUnregistered",
            "UIInitializationEvent, io.telops.contracts.phone.UiInitialized",
            "CallStateChangeEvent, io.telops.contracts.phone.CallStateChanged",
            "UserLoginEvent, io.telops.contracts.phone.UserLoggedIn",
            "UserLogoutEvent, io.telops.contracts.phone.UserLoggedOut"})
    void everyDocumentedEventTypeBecomesItsRecord(String file, Class<?> type) throws Exception {
        PhoneEvent event = single("filled/" + file + ".xml");
        assertThat(event).isInstanceOf(type);
        assertThat(event.mac()).isEqualTo("0004F214B89E");
        assertThat(event.phoneIp()).isEqualTo("172.24.132.135");
        assertThat(event.occurredAt()).isEqualTo(DOC_INSTANT);
        assertThat(event.utcOffset()).isEqualTo("-08:00");
    }

    @Test
    void callStateChangeKeepsReferenceStateLineAndParties() throws Exception {
        CallStateChanged e = (CallStateChanged) single("filled/CallStateChangeEvent.xml");
        assertThat(e.callReference()).isEqualTo("0x13d4a0");
        assertThat(e.callState()).isEqualTo("Connected");
        assertThat(e.lineNumber()).contains(1);
        assertThat(e.lineDirNumber()).contains("20300");
        assertThat(e.callType()).contains("Incoming");
        assertThat(e.callingParty()).contains(new Party("20701", "20701@172.18.186.94"));
        assertThat(e.calledParty()).contains(new Party("20300", "20300"));
        assertThat(e.durationSeconds()).contains(42);
    }

    @Test
    void userLoginOutEventTellsInFromOut() throws Exception {
        assertThat(single("filled/UserLoginEvent.xml")).isEqualTo(new UserLoggedIn("0004F214B89E", "172.24.132.135",
                DOC_INSTANT, "-08:00", "alice", Optional.of(1), Optional.of("20300")));
        assertThat(single("filled/UserLogoutEvent.xml")).isEqualTo(new UserLoggedOut("0004F214B89E", "172.24.132.135",
                DOC_INSTANT, "-08:00", Optional.empty(), Optional.of(1), Optional.of("20300")));
        assertThat(single("filled/LineRegistrationEvent.xml")).isEqualTo(new LineRegistered("0004F214B89E",
                "172.24.132.135", DOC_INSTANT, "-08:00", Optional.of(1), Optional.empty()));
    }

    @Test
    void severalEventsInOneRequestKeepTheirOrder() throws Exception {
        String body = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><PolycomIPPhone>"
                + "<OffHookEvent><PhoneIP>10.0.0.5</PhoneIP><MACAddress>00:04:f2:aa:bb:cc</MACAddress><TimeStamp>2024-03-01T10:00:00+01:00</TimeStamp></OffHookEvent>"
                + "<FancyNewEvent><MACAddress>0004f2aabbcc</MACAddress></FancyNewEvent>"
                + "<OnHookEvent><PhoneIP>10.0.0.5</PhoneIP><MACAddress>0004f2aabbcc</MACAddress><TimeStamp>2024-03-01T10:00:05Z</TimeStamp></OnHookEvent>"
                + "<PhoneLockedEvent><PhoneIP>10.0.0.5</PhoneIP><TimeStamp>2024-03-01T10:00:05Z</TimeStamp></PhoneLockedEvent>"
                + "</PolycomIPPhone>";
        List<PushEntry> entries = parse(body);
        assertThat(entries).hasSize(4);
        assertThat(((PushEntry.Recognised) entries.get(0)).event()).isEqualTo(
                new OffHook("0004F2AABBCC", "10.0.0.5", Instant.parse("2024-03-01T09:00:00Z"), "+01:00"));
        assertThat(entries.get(1)).isEqualTo(new PushEntry.Unrecognised("FancyNewEvent", Optional.of("0004F2AABBCC")));
        assertThat(((PushEntry.Recognised) entries.get(2)).event()).isEqualTo(
                new OnHook("0004F2AABBCC", "10.0.0.5", Instant.parse("2024-03-01T10:00:05Z"), "Z"));
        assertThat(entries.get(3)).isEqualTo(new PushEntry.Invalid("PhoneLockedEvent", "MACAddress is missing"));
    }

    @Test
    void missingTimestampAndPhoneIpFallBackToTheRequest() throws Exception {
        PushEntry entry = parse("<PhoneUnlockedEvent><MACAddress>0004f214b89e</MACAddress></PhoneUnlockedEvent>").get(0);
        assertThat(((PushEntry.Recognised) entry).event())
                .isEqualTo(new PhoneUnlocked("0004F214B89E", "192.0.2.7", RECEIVED, "Z"));
    }

    @Test
    void theDocumentedTemplatesWithBlankValuesAreInvalidNotAccepted() throws Exception {
        assertThat(parser.parse(resource("docs/ucs500-table24-call-state-change-event-template.xml"), "192.0.2.7", RECEIVED))
                .containsExactly(new PushEntry.Invalid("CallStateChangeEvent", "MACAddress is missing"));
        assertThat(parser.parse(resource("docs/ucs500-table27-user-logout-event-template.xml"), "192.0.2.7", RECEIVED))
                .containsExactly(new PushEntry.Invalid("UserLoginOutEvent", "MACAddress is missing"));
        // the 5.0.0 guide's Table 25 has a typo (<MACAddress </MACAddress>): not well-formed, so rejected
        assertThatThrownBy(() -> parser.parse(resource("docs/ucs500-table25-line-registration-event-template.xml"), "x", RECEIVED))
                .isInstanceOf(MalformedPushException.class).hasMessageContaining("malformed XML");
    }

    @Test
    void unknownRootIsKeptAsUnrecognised() throws Exception {
        assertThat(parser.parse(resource("docs/sip31-polling-call-line-info.xml"), "x", RECEIVED))
                .containsExactly(new PushEntry.Unrecognised("CallLineInfo", Optional.empty()));
    }

    @Test
    void rejectsDoctypeExternalEntitiesAndEntityExpansion() {
        String xxe = "<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
                + "<OffHookEvent><MACAddress>&x;</MACAddress></OffHookEvent>";
        String laughs = "<?xml version=\"1.0\"?><!DOCTYPE l [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">"
                + "<!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\"><!ENTITY d \"&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;\">]><OffHookEvent>&d;</OffHookEvent>";
        String external = "<?xml version=\"1.0\"?><!DOCTYPE r SYSTEM \"http://127.0.0.1:1/evil.dtd\"><OffHookEvent/>";
        for (String body : List.of(xxe, laughs, external)) {
            assertThatThrownBy(() -> parse(body)).isInstanceOf(MalformedPushException.class)
                    .hasMessageContaining("DTD");
        }
        assertThatThrownBy(() -> parse("<OffHookEvent><MACAddress>&undeclared;</MACAddress></OffHookEvent>"))
                .isInstanceOf(MalformedPushException.class);
    }

    @Test
    void rejectsTruncatedEmptyAndOversizedBodies() {
        assertThatThrownBy(() -> parse("<PolycomIPPhone><OffHookEvent><MACAddress>0004f214b89e</MAC"))
                .isInstanceOf(MalformedPushException.class);
        assertThatThrownBy(() -> parse("")).isInstanceOf(MalformedPushException.class);
        assertThatThrownBy(() -> parse("<PolycomIPPhone/>")).isInstanceOf(MalformedPushException.class)
                .hasMessageContaining("no event");
        String big = "<PolycomIPPhone>" + "<OffHookEvent/>".repeat(10_000) + "</PolycomIPPhone>";
        assertThatThrownBy(() -> parse(big)).isInstanceOf(PushTooLargeException.class);
        String deep = "<a>".repeat(50) + "</a>".repeat(50);
        assertThatThrownBy(() -> parse(deep)).isInstanceOf(MalformedPushException.class).hasMessageContaining("nesting");
    }

    @Test
    void acceptsIsoLatin1DeclaredEncoding() throws Exception {
        byte[] body = ("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><IncomingCallEvent><PhoneIP>10.1.1.1</PhoneIP>"
                + "<MACAddress>0004f214b89e</MACAddress><CallingPartyName>J\u00fcrgen</CallingPartyName>"
                + "<CallingPartyNumber>100</CallingPartyNumber><CalledPartyName>b</CalledPartyName>"
                + "<CalledPartyNumber>200</CalledPartyNumber><TimeStamp>2024-03-01T10:00:00+0530</TimeStamp></IncomingCallEvent>")
                .getBytes(StandardCharsets.ISO_8859_1);
        IncomingCall e = (IncomingCall) ((PushEntry.Recognised) parser.parse(new ByteArrayInputStream(body), "x", RECEIVED).get(0)).event();
        assertThat(e.callingParty().name()).isEqualTo("J\u00fcrgen");
        assertThat(e.utcOffset()).isEqualTo("+05:30");
        assertThat(e.occurredAt()).isEqualTo(Instant.parse("2024-03-01T04:30:00Z"));
    }

    PhoneEvent single(String resource) throws Exception {
        List<PushEntry> entries = parser.parse(resource(resource), "192.0.2.7", RECEIVED);
        assertThat(entries).hasSize(1).first().isInstanceOf(PushEntry.Recognised.class);
        return ((PushEntry.Recognised) entries.get(0)).event();
    }

    List<PushEntry> parse(String body) throws MalformedPushException {
        return parser.parse(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)), "192.0.2.7", RECEIVED);
    }

    static InputStream resource(String name) {
        InputStream in = PolycomEventParserTest.class.getResourceAsStream("/polycom/" + name);
        if (in == null) {
            throw new UncheckedIOException(new IOException("missing test resource " + name));
        }
        return in;
    }
}
