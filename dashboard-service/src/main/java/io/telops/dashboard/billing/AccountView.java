package io.telops.dashboard.billing;

import java.time.Instant;
import java.util.Optional;

import io.quarkus.qute.TemplateData;

/**
 * A billing account as its events describe it: the balance of the latest balance-changed (absent until one
 * arrives), whether it is below its low-balance threshold (balance-low until balance-recovered), and how many calls were authorised, refused and settled, with the amount settled calls cost.
 */
@TemplateData
public record AccountView(long accountId, Optional<String> username, Optional<String> currency,
                          Optional<Long> balanceMinor, Optional<Instant> balanceAt, long callsAuthorised,
                          long callsRefused, long callsSettled, long spentMinor, Instant lastEventAt,
                          boolean lowBalance, Optional<Long> lowThresholdMinor, Optional<Instant> lowSince) {

    /** "below 5.00 EUR" while billing says the account is under its low-balance threshold, else "". */
    public String lowText() {
        return lowBalance ? "below " + lowThresholdMinor.map(t -> Money.format(t, currency.orElse(null))).orElse("its threshold") : "";
    }

    public String balanceText() {
        return balanceMinor.map(b -> Money.format(b, currency.orElse(null))).orElse("unknown");
    }

    public String balanceAtText() {
        return balanceAt.map(Instant::toString).orElse("");
    }

    public String spentText() {
        return Money.format(spentMinor, currency.orElse(null));
    }

    public String usernameText() {
        return username.orElse("");
    }
}
