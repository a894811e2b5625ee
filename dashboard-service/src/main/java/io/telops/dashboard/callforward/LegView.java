package io.telops.dashboard.callforward;

import java.time.Instant;
import java.util.Optional;

import io.quarkus.qute.TemplateData;

/** One Dial leg of a call's path (sip, mobile or simultaneous) with the DialStatus Plivo reported. */
@TemplateData
public record LegView(String leg, Optional<String> targets, String dialStatus, Optional<String> hangupCause,
                      Optional<String> next, Optional<Instant> at) {

    /** How an operator names the leg: SIP, mobile, or SIP + mobile for simultaneous ring. */
    public String label() {
        return switch (leg) {
            case "sip" -> "SIP";
            case "simultaneous" -> "SIP + mobile";
            default -> leg;
        };
    }

    public boolean answered() {
        return "completed".equals(dialStatus);
    }
}
