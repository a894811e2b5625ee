package io.telops.dashboard.callforward;

import io.quarkus.qute.TemplateData;

/** One step of a call's path as the page draws it: {@code SIP: no-answer}, {@code voicemail 0:23}. */
@TemplateData
public record PathStep(String kind, String text) {
}
