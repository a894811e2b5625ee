package io.telops.dashboard.overview;

import java.time.Instant;
import java.util.List;

import io.telops.contracts.Topics;

/**
 * The platform on one screen: each group is a list of figures that link to their page. {@code spend} is one text
 * per currency; the billing group counts the accounts below their low-balance threshold (balance-low events).
 */
public record Overview(Instant today, List<Figure> phones, List<Figure> calls, List<Figure> voicemails,
                       List<Figure> billing, List<String> spend, List<Figure> trunks,
                       List<Figure> devices) {

    /** The figure groups in the order the page shows them. */
    public List<Group> groups() {
        return List.of(new Group("phones", "Phones", phones, ""),
                new Group("calls", "Calls today", calls, Topics.CALL_EVENTS),
                new Group("voicemails", "Voicemails", voicemails, Topics.CALL_EVENTS),
                new Group("billing", "Billing today", billing, Topics.BILLING_EVENTS),
                new Group("trunks", "Trunks", trunks, Topics.VATS_TRUNKS),
                new Group("devices", "Provisioning", devices, Topics.PROVISIONING_EVENTS));
    }

    /** {@code liveTopic}: the topic whose committed changes re-read the group in the page (domain-live.js), or "". */
    public record Group(String id, String title, List<Figure> figures, String liveTopic) {
    }
}
