package io.telops.contracts.billing;

import java.time.Instant;

/**
 * What the prepaid billing service decided or booked. Published on {@code telops.billing-events}, keyed by
 * the billing account id (decimal); a refusal for an unknown caller is keyed {@code clid:<caller id>}.
 * Money is in integer minor units of {@code currency} (ISO 4217), never floating point.
 */
public sealed interface BillingEvent permits CallAuthorised, CallRefused, CallSettled, BalanceChanged,
        BalanceLow, BalanceRecovered {
    Instant occurredAt();
}
