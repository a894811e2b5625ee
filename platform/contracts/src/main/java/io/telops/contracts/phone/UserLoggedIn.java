package io.telops.contracts.phone;

import java.time.Instant;
import java.util.Optional;

/**
 * A user logged in on the phone (Poly UserLoginOutEvent carrying {@code <UserLoggedIn>name</UserLoggedIn>}).
 * {@code lineNumber}/{@code lineDirNumber} come from the event's {@code CallLineInfo} (LineKeyNum, LineDirNum).
 */
public record UserLoggedIn(String mac, String phoneIp, Instant occurredAt, String utcOffset, String user,
        Optional<Integer> lineNumber, Optional<String> lineDirNumber) implements PhoneEvent {

    /** The original shape, without the line the user logged in on. */
    public UserLoggedIn(String mac, String phoneIp, Instant occurredAt, String utcOffset, String user) {
        this(mac, phoneIp, occurredAt, utcOffset, user, Optional.empty(), Optional.empty());
    }
}
