package io.telops.callforward.line;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What an operator decides about a forwarding line. Missing values get defaults here, so the rest of the
 * service never sees a null: timeouts 20 s, voicemail on (absent in JSON means on), 120 s messages, sequential ring, no whisper.
 */
public record LineSettings(String name, String owner, Optional<String> sipEndpoint, Optional<String> mobile,
                           CallerIdPolicy callerId, Optional<String> callerName, int sipTimeoutSeconds,
                           int mobileTimeoutSeconds, Greetings greetings, Boolean voicemailEnabled,
                           int voicemailMaxSeconds, Optional<Schedule> schedule, List<String> blockList,
                           List<String> allowList, RingStrategy ringStrategy, boolean whisper) {
    public LineSettings {
        if (name == null || name.isBlank() || name.length() > 100) {
            throw new IllegalArgumentException("name is required (at most 100 characters)");
        }
        if (owner == null || owner.isBlank() || owner.length() > 100) {
            throw new IllegalArgumentException("owner is required (at most 100 characters)");
        }
        sipEndpoint = orEmpty(sipEndpoint).filter(s -> !s.isBlank());
        mobile = orEmpty(mobile).filter(s -> !s.isBlank()).map(PhoneNumbers::normalise);
        callerName = orEmpty(callerName).filter(s -> !s.isBlank());
        sipEndpoint.ifPresent(s -> {
            if (!s.matches("sip:[^\\s<>\"]+@[^\\s<>\"]+")) {
                throw new IllegalArgumentException("sipEndpoint must be a SIP URI like sip:alice@phone.plivo.com");
            }
        });
        mobile.ifPresent(m -> {
            if (!m.matches("[0-9]{6,16}")) {
                throw new IllegalArgumentException("mobile must be a number with country code, 6-16 digits");
            }
        });
        if (callerName.filter(n -> n.length() > 50).isPresent()) {
            throw new IllegalArgumentException("callerName is limited to 50 characters (Plivo)");
        }
        callerId = callerId == null ? CallerIdPolicy.CALLER : callerId;
        sipTimeoutSeconds = timeout(sipTimeoutSeconds, "sipTimeoutSeconds");
        mobileTimeoutSeconds = timeout(mobileTimeoutSeconds, "mobileTimeoutSeconds");
        greetings = greetings == null ? Greetings.DEFAULT : greetings;
        voicemailEnabled = voicemailEnabled == null || voicemailEnabled;
        voicemailMaxSeconds = voicemailMaxSeconds == 0 ? 120 : voicemailMaxSeconds;
        if (voicemailMaxSeconds < 2 || voicemailMaxSeconds > 3600) {
            throw new IllegalArgumentException("voicemailMaxSeconds must be within 2..3600");
        }
        schedule = orEmpty(schedule);
        blockList = List.copyOf(blockList == null ? List.of() : blockList);
        allowList = List.copyOf(allowList == null ? List.of() : allowList);
        ringStrategy = ringStrategy == null ? RingStrategy.SEQUENTIAL : ringStrategy;
        if (ringStrategy == RingStrategy.SIMULTANEOUS && (sipEndpoint.isEmpty() || mobile.isEmpty())) {
            throw new IllegalArgumentException("simultaneous ring needs both sipEndpoint and mobile");
        }
    }

    /** Settings with every default, for tests and examples. */
    public static LineSettings of(String name, String owner, Optional<String> sip, Optional<String> mobile) {
        return new LineSettings(name, owner, sip, mobile, null, Optional.empty(), 0, 0, null, true, 0,
                Optional.empty(), null, null, null, false);
    }

    /** Whom the line refuses: anyone on the block list, and anyone not on a non-empty allow list. */
    public Screening screen(String caller) {
        if (blockList.stream().anyMatch(e -> PhoneNumbers.matches(e, caller))) {
            return Screening.BLOCKED;
        }
        if (!allowList.isEmpty() && allowList.stream().noneMatch(e -> PhoneNumbers.matches(e, caller))) {
            return Screening.NOT_ALLOWED;
        }
        return Screening.ADMITTED;
    }

    public enum Screening { ADMITTED, BLOCKED, NOT_ALLOWED }

    private static int timeout(int seconds, String name) {
        int s = seconds == 0 ? 20 : seconds;
        if (s < 5 || s > 120) {
            throw new IllegalArgumentException(name + " must be within 5..120 seconds");
        }
        return s;
    }

    @SuppressWarnings("OptionalAssignedToNull")
    private static <T> Optional<T> orEmpty(Optional<T> o) {
        return o == null ? Optional.empty() : o;
    }

}
