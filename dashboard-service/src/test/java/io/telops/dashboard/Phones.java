package io.telops.dashboard;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

import io.telops.contracts.phone.CallStateChanged;
import io.telops.contracts.phone.IncomingCall;
import io.telops.contracts.phone.LineRegistered;
import io.telops.contracts.phone.OffHook;
import io.telops.contracts.phone.OnHook;
import io.telops.contracts.phone.Party;

/** Phone events for tests, each phone on its own random MAC so tests never see each other's phones. */
public final class Phones {
    private Phones() {
    }

    public static String randomMac() {
        return String.format("%012X", ThreadLocalRandom.current().nextLong(1L << 48));
    }

    public static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }

    public static LineRegistered lineRegistered(String mac, Instant at, int line, String address) {
        return new LineRegistered(mac, "10.1.2.3", at, "+01:00", Optional.of(line), Optional.of(address));
    }

    public static OffHook offHook(String mac, Instant at) {
        return new OffHook(mac, "10.1.2.3", at, "+01:00");
    }

    public static OnHook onHook(String mac, Instant at) {
        return new OnHook(mac, "10.1.2.3", at, "+01:00");
    }

    public static IncomingCall incoming(String mac, Instant at, Party from, Party to) {
        return new IncomingCall(mac, "10.1.2.3", at, "+01:00", from, to);
    }

    public static CallStateChanged callState(String mac, Instant at, String reference, String state, Party from, Party to) {
        return new CallStateChanged(mac, "10.1.2.3", at, "+01:00", reference, state, Optional.of(1),
                Optional.of("1001"), Optional.of("Incoming"), Optional.of(from), Optional.of(to), Optional.empty());
    }
}
