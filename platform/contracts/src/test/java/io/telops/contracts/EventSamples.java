package io.telops.contracts;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import io.telops.contracts.billing.*;
import io.telops.contracts.phone.*;
import io.telops.contracts.vats.*;
import io.telops.contracts.provisioning.*;
import io.telops.contracts.callforward.*;

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
            new CallAuthorised(7L, "alice", "1700000000.42", "5551234", "4420794601234", "44", 3600, 6000L, "USD", AT),
            new CallRefused(Optional.of(7L), "1700000000.43", "5551234", "4420794601234", "INSUFFICIENT_BALANCE", AT),
            new CallRefused(Optional.empty(), "1700000000.44", "unknown", "100", "UNKNOWN_ACCOUNT", AT),
            new CallSettled(7L, "alice", "1700000000.42", "4420794601234", "44", 61, 120, 20L, 5980L, "USD", AT),
            new BalanceChanged(7L, "alice", -20L, 980L, "USD", "CALL_SETTLED", AT),
            new BalanceChanged(7L, "alice", 100L, 1080L, "USD", "TOPUP", AT, Optional.of(42L)),
            new BalanceLow(7L, "alice", 480L, 500L, "USD", AT, Optional.of(43L)),
            new BalanceRecovered(7L, "alice", 1480L, 500L, "USD", AT, Optional.empty()),
            new TrunkChanged("2600000007", "2587417674", "0f8e7c1a-2f52-4f3e-9d7e-3c1c4b8f5a10", TrunkChangeOrigin.SYNC,
                    Optional.empty(), AT, List.of(TrunkChange.DEACTIVATED, TrunkChange.SIP_DEVICE_OFF),
                    Optional.of(new TrunkState("79161000001", Optional.of("Транк №1"), true, false, true, false, true)),
                    Optional.of(new TrunkState("79161000001", Optional.of("Транк №1"), false, false, true, false, false))),
            new TrunkChanged("2600000014", "2587417674", "op-5b2d", TrunkChangeOrigin.OPERATOR, Optional.of("admin"), AT,
                    List.of(TrunkChange.APPEARED), Optional.empty(),
                    Optional.of(new TrunkState("79161000002", Optional.empty(), false, false, true, false, false))),
            new TrunkChanged("2600000021", "2587417674", "0f8e7c1a-2f52-4f3e-9d7e-3c1c4b8f5a10", TrunkChangeOrigin.SYNC,
                    Optional.empty(), AT, List.of(TrunkChange.DISAPPEARED),
                    Optional.of(new TrunkState("79161000003", Optional.empty(), false, true, false, false, false)), Optional.empty()),
            new TrunkSnapshot("2600000007", "2587417674", "9a1b2c3d-0000-4000-8000-000000000001", 1000, AT,
                    new TrunkState("79161000001", Optional.of("Транк №1"), true, false, true, false, true)),
            new SyncGuardTripped("2587417674", "0f8e7c1a-2f52-4f3e-9d7e-3c1c4b8f5a11", AT, "schedule", 1000, 400, 600, 0.5,
                    GuardOutcome.REFUSED, Optional.empty(), Optional.empty()),
            new SyncGuardTripped("2587417674", "0f8e7c1a-2f52-4f3e-9d7e-3c1c4b8f5a12", AT, "api:admin", 1000, 0, 1000, 0.5,
                    GuardOutcome.OVERRIDDEN, Optional.of("admin"), Optional.of(7L)),
            new DeviceCreated("000413AABBCC", "snom", "7xx", "715", Optional.of("zurich"), "ui/snom/7xx/715",
                    Optional.empty(), Optional.of(4), 2, true, true, AT),
            new DeviceChanged("000413AABBCC", "snom", "7xx", "715", Optional.empty(), "ui/snom/7xx/715-1",
                    Optional.of(3), Optional.of(3), 2, true, false, List.of("keys", "pinnedVersion"), AT),
            new DeviceDeleted("000413AABBCC", AT),
            new ConfigFetched("000413AABBCC", "000413aabbcc.xml", "10.1.2.3",
                    Optional.of("Mozilla/4.0 (compatible; snomD785-SIP 10.1.169.16 000413AABBCC)"), "ui/snom/7xx/715", 3,
                    "served", AT),
            new AuthFailed("001565AABBCC", "001565aabbcc.cfg", "10.1.2.4", Optional.empty(), "bad-credentials", AT),
            new DeviceResyncRequested("000413AABBCC", "snom", Optional.of("20300"), "admin", AT),
            new DeviceResyncRequested("001565AABBCC", "yealink", Optional.empty(), "ops", AT),
            new ConfigRenderFailed("001565AABBCC", "001565aabbcc.cfg", "ui/yealink/t4x/t46u", "missing-settings",
                    List.of("TIMEZONE", "LANGUAGE"), AT),
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
                    Optional.of("sip:alice123@phone.plivo.com"), Optional.of("14155559911"), "sequential", true, 3, AT),
            new UserLoggedIn(MAC, IP, AT, OFFSET, "alice", Optional.of(1), Optional.of("20300")),
            new UserLoggedOut(MAC, IP, AT, OFFSET, Optional.empty(), Optional.of(1), Optional.of("20300")));

    private EventSamples() {
    }
}
