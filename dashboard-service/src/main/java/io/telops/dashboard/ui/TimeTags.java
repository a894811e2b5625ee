package io.telops.dashboard.ui;

import java.time.Instant;
import java.util.Optional;

import io.quarkus.qute.RawString;
import io.quarkus.qute.TemplateExtension;

/**
 * {@code {at.time}} in any template: a {@code <time>} element with the instant in ISO-8601 (UTC) as its text, which
 * times.js turns into "3 min ago" in the browser's zone with the full local time on hover.
 */
@TemplateExtension
public final class TimeTags {
    private TimeTags() {
    }

    /** Raw: {@link Instant#toString()} holds only digits, '-', ':', '.', 'T' and 'Z', nothing to escape. */
    static RawString time(Instant at) {
        return new RawString("<time datetime=\"" + at + "\" title=\"" + at + "\">" + at + "</time>");
    }

    /** The instant as {@link #time(Instant)}, or {@code absent} (escaped) when there is none. */
    static RawString timeOr(Optional<Instant> at, String absent) {
        return at.map(TimeTags::time).orElseGet(() -> new RawString(escape(absent)));
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
