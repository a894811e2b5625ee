package io.telops.contracts;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import io.telops.contracts.billing.*;
import io.telops.contracts.phone.*;
import io.telops.contracts.vats.*;
import io.telops.contracts.provisioning.*;

/** One realistic instance of every event record; a contracts test fails if a type has none. */
final class EventSamples {
    private static final String MAC = "0004F214B89E";
    private static final String IP = "172.24.132.135";
    private static final Instant AT = Instant.parse("2008-07-11T21:19:53Z");
    private static final String OFFSET = "-08:00";
    private static final Party CALLER = new Party("20701", "20701@172.18.186.94");
    private static final Party CALLEE = new Party("20300", "20300");

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
            new DeviceCreated("000413AABBCC", "snom", "7xx", "715", Optional.of("zurich"), "ui/snom/7xx/715",
                    Optional.empty(), 2, true, true, AT),
            new DeviceChanged("000413AABBCC", "snom", "7xx", "715", Optional.empty(), "ui/snom/7xx/715-1",
                    Optional.of(3), 2, true, false, List.of("keys", "pinnedVersion"), AT),
            new DeviceDeleted("000413AABBCC", AT),
            new ConfigFetched("000413AABBCC", "000413aabbcc.xml", "10.1.2.3",
                    Optional.of("Mozilla/4.0 (compatible; snomD785-SIP 10.1.169.16 000413AABBCC)"), "ui/snom/7xx/715", 3,
                    "served", AT),
            new AuthFailed("001565AABBCC", "001565aabbcc.cfg", "10.1.2.4", Optional.empty(), "bad-credentials", AT));

    private EventSamples() {
    }
}
