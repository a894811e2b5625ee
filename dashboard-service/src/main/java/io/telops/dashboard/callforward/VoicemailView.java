package io.telops.dashboard.callforward;

import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

import io.quarkus.qute.TemplateData;

/**
 * A voicemail with its recording link and the state of the SMS that told the owner: {@code pending} until
 * call-forward-service reports {@code sent} or {@code failed}; Plivo's delivery report, if any, beside it.
 */
@TemplateData
public record VoicemailView(String recordingId, String callUuid, String lineId, Optional<String> lineName, String caller, int durationSeconds,
                            String recordUrl, Instant recordedAt, String smsStatus, Optional<String> smsTo,
                            Optional<Integer> smsAttempts, Optional<String> smsReason,
                            Optional<String> deliveryStatus, Optional<String> deliveryError) {

    /** Only http(s) links become an audio player; anything else (javascript:, data:, junk) is shown as text. */
    public boolean playable() {
        return isHttpUrl(recordUrl);
    }

    public String lineText() {
        return lineName.orElse(lineId);
    }

    public String lineHref() {
        return LineView.href(lineId);
    }

    public String durationText() {
        return CallView.minutesSeconds(durationSeconds);
    }

    public String callerText() {
        return caller.isBlank() ? "unknown caller" : caller;
    }

    public String smsText() {
        StringBuilder text = new StringBuilder("SMS ").append(smsStatus);
        smsReason.filter(r -> "failed".equals(smsStatus)).ifPresent(r -> text.append(": ").append(r));
        deliveryStatus.ifPresent(d -> text.append(" (").append(d).append(deliveryError.map(e -> " " + e).orElse("")).append(')'));
        return text.toString();
    }

    static boolean isHttpUrl(String url) {
        String lower = url.toLowerCase(Locale.ROOT);
        for (String scheme : new String[] {"http://", "https://"}) {
            if (lower.startsWith(scheme) && lower.length() > scheme.length() && lower.charAt(scheme.length()) != '/') {
                return true;
            }
        }
        return false;
    }
}
