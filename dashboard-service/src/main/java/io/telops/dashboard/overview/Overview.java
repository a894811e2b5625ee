package io.telops.dashboard.overview;

import java.time.Instant;
import java.util.List;

/**
 * The platform on one screen: each group is a list of figures that link to their page. {@code spend} is one text
 * per currency; {@code lowBalance} says why it is absent (the billing events carry no threshold).
 */
public record Overview(Instant today, List<Figure> phones, List<Figure> calls, List<Figure> voicemails,
                       List<Figure> billing, List<String> spend, String lowBalance, List<Figure> trunks,
                       List<Figure> devices) {

    /** The figure groups in the order the page shows them. */
    public List<Group> groups() {
        return List.of(new Group("phones", "Phones", phones), new Group("calls", "Calls today", calls),
                new Group("voicemails", "Voicemails", voicemails), new Group("billing", "Billing today", billing),
                new Group("trunks", "Trunks", trunks), new Group("devices", "Provisioning", devices));
    }

    public record Group(String id, String title, List<Figure> figures) {
    }
}
