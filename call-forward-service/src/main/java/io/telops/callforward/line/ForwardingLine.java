package io.telops.callforward.line;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** A forwarding line: the operator's settings plus what the service rented for it from Plivo. */
public record ForwardingLine(String id, LineSettings settings, LineStatus status, Optional<String> forwardNumber,
                             Optional<String> voicemailNumber, Optional<String> appId, long version,
                             Instant createdAt, Instant updatedAt) {
    public ForwardingLine {
        Objects.requireNonNull(id);
        Objects.requireNonNull(settings);
        Objects.requireNonNull(status);
        Objects.requireNonNull(forwardNumber);
        Objects.requireNonNull(voicemailNumber);
        Objects.requireNonNull(appId);
    }

    public ForwardingLine withSettings(LineSettings s, Instant now) {
        return new ForwardingLine(id, s, status, forwardNumber, voicemailNumber, appId, version + 1, createdAt, now);
    }

    public ForwardingLine withStatus(LineStatus s, Instant now) {
        return new ForwardingLine(id, settings, s, forwardNumber, voicemailNumber, appId, version + 1, createdAt, now);
    }

    public ForwardingLine withNumbers(Optional<String> forward, Optional<String> voicemail, Optional<String> app, Instant now) {
        return new ForwardingLine(id, settings, status, forward, voicemail, app, version + 1, createdAt, now);
    }
}
