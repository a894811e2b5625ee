package io.telops.contracts.phone;

import java.time.Instant;
import java.util.Optional;

/**
 * A user logged out of the phone (Poly UserLoginOutEvent carrying an empty {@code <UserLoggedOut/>}: Poly
 * documents the value as always null, so {@code user} is usually absent).
 */
public record UserLoggedOut(String mac, String phoneIp, Instant occurredAt, String utcOffset, Optional<String> user,
        Optional<Integer> lineNumber, Optional<String> lineDirNumber) implements PhoneEvent {

    /** The original shape, without the line the user logged out of. */
    public UserLoggedOut(String mac, String phoneIp, Instant occurredAt, String utcOffset, Optional<String> user) {
        this(mac, phoneIp, occurredAt, utcOffset, user, Optional.empty(), Optional.empty());
    }
}
