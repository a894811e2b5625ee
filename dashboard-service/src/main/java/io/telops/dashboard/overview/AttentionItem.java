package io.telops.dashboard.overview;

import java.time.Instant;
import java.util.Locale;

/** One thing an operator should look at: what kind, what it says, since when, and the page that shows it. */
public record AttentionItem(Kind kind, String subject, String detail, Instant since, String link) {

    public enum Kind {
        PHONE_OFFLINE, TRUNK_BINDING_LOST, TRUNK_DEACTIVATED, SMS_FAILED, PROVISIONING_AUTH_FAILURES, BALANCE_LOW,
        CONFIG_RENDER_FAILED, CONSUMER_LAG;

        public String label() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }
}
