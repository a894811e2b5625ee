package io.telops.dashboard.phone;

import java.util.Optional;

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

/** The one line of text a log row shows for a phone event. */
public final class PhoneEventSummary {
    private PhoneEventSummary() {
    }

    public static String of(PhoneEvent event) {
        if (event instanceof IncomingCall e) {
            return "Incoming call from " + party(e.callingParty()) + " to " + party(e.calledParty());
        }
        if (event instanceof OutgoingCall e) {
            return "Outgoing call from " + party(e.callingParty()) + " to " + party(e.calledParty());
        }
        if (event instanceof CallStateChanged e) {
            StringBuilder text = new StringBuilder("Call ").append(e.callReference()).append(' ').append(e.callState());
            e.lineNumber().ifPresent(n -> text.append(" on line ").append(n));
            if (e.callingParty().isPresent() || e.calledParty().isPresent()) {
                text.append(": ").append(e.callingParty().map(PhoneEventSummary::party).orElse("?"))
                        .append(" -> ").append(e.calledParty().map(PhoneEventSummary::party).orElse("?"));
            }
            e.durationSeconds().ifPresent(d -> text.append(" (").append(d).append(" s)"));
            return text.toString();
        }
        if (event instanceof OffHook) {
            return "Off hook";
        }
        if (event instanceof OnHook) {
            return "On hook";
        }
        if (event instanceof PhoneLocked) {
            return "Phone locked";
        }
        if (event instanceof PhoneUnlocked) {
            return "Phone unlocked";
        }
        if (event instanceof LineRegistered e) {
            return "Line " + LineLabel.of(e.lineNumber(), e.lineAddress()).label() + " registered";
        }
        if (event instanceof LineUnregistered e) {
            return "Line " + LineLabel.of(e.lineNumber(), e.lineAddress()).label() + " unregistered";
        }
        if (event instanceof UserLoggedIn e) {
            return "User " + e.user() + " logged in";
        }
        if (event instanceof UserLoggedOut e) {
            return e.user().map(u -> "User " + u + " logged out").orElse("User logged out");
        }
        if (event instanceof UiInitialized) {
            return "Phone user interface initialised";
        }
        return event.getClass().getSimpleName();
    }

    /** {@code Alice <1001>}, {@code Alice} or {@code 1001}, whichever the phone gave. */
    public static String party(Party party) {
        if (party == null) {
            return "?";
        }
        Optional<String> name = Optional.ofNullable(party.name()).map(String::strip).filter(s -> !s.isEmpty());
        Optional<String> number = Optional.ofNullable(party.number()).map(String::strip).filter(s -> !s.isEmpty());
        if (name.isPresent() && number.isPresent()) {
            return name.get() + " <" + number.get() + ">";
        }
        return name.or(() -> number).orElse("?");
    }
}
