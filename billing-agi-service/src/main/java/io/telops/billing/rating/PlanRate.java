package io.telops.billing.rating;

import java.util.Optional;

import io.telops.billing.ledger.TariffRate;

/**
 * One rate of a plan: a prefix, the period it applies in ({@code ""}: whenever no rate of the period in force
 * matches), its tariff, a minimum billed length and an optional permission the account must hold to call it.
 */
public record PlanRate(String prefix, String period, Optional<String> description, TariffRate tariff, int minimumSeconds,
                       Optional<String> permission) {
    /**
     * The tariff with the minimum length folded into the initial increment: an answered call is billed at least the
     * minimum, rounded up to the increments (initial + whole subsequent ones), exactly as the tariff would bill a call
     * of the minimum length.
     */
    public TariffRate effective() {
        if (minimumSeconds <= tariff.initialIncrement()) {
            return tariff;
        }
        return new TariffRate(tariff.ratePerMinuteMinor(), (int) tariff.billedSeconds(minimumSeconds),
                tariff.subsequentIncrement(), tariff.connectionFeeMinor());
    }
}
