package io.telops.contracts.callforward;

import java.util.Optional;

/** One Dial leg of a call's path: which leg, what it rang, and the DialStatus Plivo reported. */
public record DialLeg(String leg, Optional<String> target, String dialStatus) {
}
