package io.telops.dashboard.callforward;

import java.util.Optional;

import io.telops.dashboard.domain.Labelled;

/**
 * The outcomes the overview counts calls by, and the condition each puts on {@code cf_call c}: an answered call
 * counts as answered on the mobile when its mobile leg completed, as forwarded (to the desk phone) otherwise.
 */
public enum CallOutcome implements Labelled {
    FORWARDED("c.outcome = 'answered' and not " + CallOutcome.MOBILE_ANSWERED),
    ANSWERED_ON_MOBILE("c.outcome = 'answered' and " + CallOutcome.MOBILE_ANSWERED),
    VOICEMAIL("c.outcome = 'voicemail'"),
    MISSED("c.outcome = 'missed'"),
    REFUSED("c.outcome = 'rejected'"),
    IN_PROGRESS("c.outcome is null");

    private static final String MOBILE_ANSWERED = """
            exists (select 1 from cf_call_leg l where l.call_uuid = c.call_uuid and l.leg = 'mobile' and l.dial_status = 'completed')""";

    private final String sql;

    CallOutcome(String sql) {
        this.sql = sql;
    }

    public String sql() {
        return sql;
    }

    /** The outcome a query parameter names; anything else is no filter. */
    public static Optional<CallOutcome> fromLabel(String label) {
        return Labelled.byLabel(CallOutcome.class, label);
    }
}
