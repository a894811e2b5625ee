package io.telops.contracts;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import io.telops.contracts.callforward.*;
import io.telops.contracts.phone.*;

/** One realistic instance of every event record; a contracts test fails if a type has none. */
final class EventSamples {
    private static final String MAC = "0004F214B89E";
    private static final String IP = "172.24.132.135";
    private static final Instant AT = Instant.parse("2008-07-11T21:19:53Z");
    private static final String OFFSET = "-08:00";
    private static final Party CALLER = new Party("20701", "20701@172.18.186.94");
    private static final Party CALLEE = new Party("20300", "20300");
    private static final String CALL_UUID = "3e82ae9d-2c78-4d85-b1a4-6eae7dbafb36";
    private static final String LINE = "6a1f0c1e-8d5b-4c39-9a51-2f6d7b0e4c11";
    private static final String RECORDING = "0f3c2a10-2222-4ccc-9ddd-abcdefabcdef";

    static final List<Record> ALL = List.of(
            new IncomingCall(MAC, IP, AT, OFFSET, CALLER, CALLEE),
            new OutgoingCall(MAC, IP, AT, OFFSET, CALLEE, CALLER),
            new CallStateChanged(MAC, IP, AT, OFFSET, "0x13d4a0", "Connected", Optional.of(1), Optional.of("20300"),
                    Optional.of("Incoming"), Optional.of(CALLER), Optional.of(CALLEE), Optional.of(42)),
            new CallStateChanged(MAC, IP, AT, "Z", "7", "Dialtone", Optional.empty(), Optional.empty(),
                    Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty()),
            new OffHook(MAC, IP, AT, OFFSET),
            new OnHook(MAC, IP, AT, OFFSET),
            new PhoneLocked(MAC, IP, AT, OFFSET),
            new PhoneUnlocked(MAC, IP, AT, OFFSET),
            new LineRegistered(MAC, IP, AT, OFFSET, Optional.of(1), Optional.of("20300@pbx.example.net")),
            new LineUnregistered(MAC, IP, AT, OFFSET, Optional.of(2), Optional.empty()),
            new UserLoggedIn(MAC, IP, AT, OFFSET, "alice"),
            new UserLoggedOut(MAC, IP, AT, OFFSET, Optional.empty()),
            new UiInitialized(MAC, IP, AT, OFFSET),
            // call-forward-service
            new CallReceived(CALL_UUID, Optional.of(LINE), "14155550111", "14155550100", "forward", AT),
            new CallReceived(CALL_UUID, Optional.empty(), "14155550111", "14155550999", "unknown-number", AT),
            new CallForwarded(CALL_UUID, LINE, "sip", List.of("sip:alice123@phone.plivo.com"), "no-answer",
                    Optional.of("NO_ANSWER"), Optional.empty(), "mobile", AT),
            new CallForwarded(CALL_UUID, LINE, "mobile", List.of("14155559911"), "completed",
                    Optional.of("NORMAL_CLEARING"), Optional.of("c0ffee00-2c78-4d85-b1a4-6eae7dbafb36"), "hangup", AT),
            new VoicemailRecorded(CALL_UUID, LINE, RECORDING, "https://media.plivo.com/v1/Account/MAXXXXXXXXXXXXXXXXXX/Recording/0f3c.mp3",
                    12, "14155550111", AT),
            new SmsSent(CALL_UUID, LINE, "vm-" + RECORDING, RECORDING, "14155559911", "5b40a428-bfc7-4daf-9d06-726c558bf3b8", 1, AT),
            new SmsFailed(CALL_UUID, LINE, "vm-" + RECORDING, RECORDING, "14155559911", 5, "HTTP 500: internal error", AT),
            new SmsStatusReported(CALL_UUID, LINE, "vm-" + RECORDING, "5b40a428-bfc7-4daf-9d06-726c558bf3b8", "delivered", Optional.empty(), AT),
            new CallCompleted(CALL_UUID, Optional.of(LINE), "voicemail",
                    List.of(new DialLeg("sip", Optional.of("sip:alice123@phone.plivo.com"), "no-answer"),
                            new DialLeg("mobile", Optional.of("14155559911"), "busy")),
                    Optional.of("NORMAL_CLEARING"), 41, AT),
            new NumberRented(LINE, "14154009186", "forward", "20468599130939380", AT),
            new NumberReleased(LINE, "14154009187", "voicemail", "rollback", AT),
            new LineChanged(LINE, "Support desk", "alice", "active", Optional.of("14154009186"), Optional.empty(),
                    Optional.of("sip:alice123@phone.plivo.com"), Optional.of("14155559911"), "sequential", true, 3, AT));

    private EventSamples() {
    }
}
