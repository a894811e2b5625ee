package io.telops.dashboard.callforward;

import java.time.Instant;
import java.util.Optional;

import io.quarkus.qute.TemplateData;

/** The newest call a line received, as the lines list shows it. */
@TemplateData
public record LastCall(String callUuid, Optional<String> from, Instant at, Optional<String> outcome) {

    public String fromText() {
        return from.orElse("unknown caller");
    }

    public String outcomeText() {
        return outcome.orElse("in progress");
    }
}
