package io.telops.dashboard.callforward;

import java.time.Instant;
import java.util.Optional;

import io.quarkus.qute.TemplateData;

/** A Plivo number of a line: what it is for (forward, voicemail) and whether it is still rented. */
@TemplateData
public record NumberView(String number, String purpose, String status, Optional<Instant> rentedAt,
                         Optional<Instant> releasedAt, Optional<String> releaseReason) {

    public boolean rented() {
        return "rented".equals(status);
    }
}
