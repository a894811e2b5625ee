package io.telops.contracts;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import io.telops.contracts.phone.*;

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
            new UserLoggedIn(MAC, IP, AT, OFFSET, "alice", Optional.of(1), Optional.of("20300")),
            new UserLoggedOut(MAC, IP, AT, OFFSET, Optional.empty(), Optional.of(1), Optional.of("20300")),
            new UiInitialized(MAC, IP, AT, OFFSET));

    private EventSamples() {
    }
}
