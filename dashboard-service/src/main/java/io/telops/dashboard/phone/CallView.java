package io.telops.dashboard.phone;

import java.time.Instant;
import java.util.Optional;

import io.quarkus.qute.TemplateData;
import io.telops.dashboard.ui.Durations;

/**
 * A call of a phone; {@code durationSeconds} counts from Connected to Disconnected and is absent while open, or
 * when the dashboard ended the call itself ({@code endReason}: {@code phone-restarted}, {@code line-unregistered},
 * {@code not-reported}, {@code expired}; see {@link InferredEnd}).
 */
@TemplateData
public record CallView(String callReference, Optional<Integer> lineNumber, Optional<String> lineDirNumber,
                       Optional<String> callType, Optional<String> callingName, Optional<String> callingNumber,
                       Optional<String> calledName, Optional<String> calledNumber, String lastState,
                       Instant startedAt, Optional<Instant> connectedAt, Optional<Instant> endedAt,
                       Optional<Long> durationSeconds, Optional<Integer> reportedDurationSeconds,
                       Optional<String> endReason) {

    public String lineText() {
        return lineDirNumber.or(() -> lineNumber.map(n -> "line " + n)).orElse("");
    }

    public String callingText() {
        return party(callingName, callingNumber);
    }

    public String calledText() {
        return party(calledName, calledNumber);
    }

    public String durationText() {
        if (endReason.isPresent()) {
            return "unknown, ended: " + endReason.get().replace('-', ' ');
        }
        return durationSeconds.map(Durations::clock).orElse(endedAt.isPresent() ? "0:00" : "in progress");
    }

    private static String party(Optional<String> name, Optional<String> number) {
        if (name.isPresent() && number.isPresent()) {
            return name.get() + " <" + number.get() + ">";
        }
        return name.or(() -> number).orElse("?");
    }

    static CallView of(PhoneCall call) {
        return new CallView(call.callReference, Optional.ofNullable(call.lineNumber),
                Optional.ofNullable(call.lineDirNumber), Optional.ofNullable(call.callType),
                Optional.ofNullable(call.callingName), Optional.ofNullable(call.callingNumber),
                Optional.ofNullable(call.calledName), Optional.ofNullable(call.calledNumber), call.lastState,
                call.startedAt, Optional.ofNullable(call.connectedAt), Optional.ofNullable(call.endedAt),
                Optional.ofNullable(call.durationSeconds), Optional.ofNullable(call.reportedDurationSeconds),
                Optional.ofNullable(call.endReason));
    }
}
