package io.telops.billing.ledger;

/**
 * Rating arithmetic in integer minor units. A call of {@code billsec} seconds is billed as the initial
 * increment, then whole subsequent increments (60/60 bills per started minute, 1/1 per second, 30/6 ...);
 * the price is {@code connectionFee + ceil(billedSeconds * ratePerMinute / 60)}: fractions of a minor unit
 * are rounded up once per call, never per increment. Unanswered calls (billsec 0) cost nothing.
 */
public record TariffRate(long ratePerMinuteMinor, int initialIncrement, int subsequentIncrement, long connectionFeeMinor) {
    public TariffRate {
        if (ratePerMinuteMinor < 0 || connectionFeeMinor < 0) {
            throw new IllegalArgumentException("rates and fees are not negative");
        }
        if (initialIncrement <= 0 || subsequentIncrement <= 0) {
            throw new IllegalArgumentException("billing increments are positive");
        }
    }

    public long billedSeconds(long billsec) {
        if (billsec <= 0) {
            return 0;
        }
        if (billsec <= initialIncrement) {
            return initialIncrement;
        }
        long rest = billsec - initialIncrement;
        return initialIncrement + ceilDiv(rest, subsequentIncrement) * subsequentIncrement;
    }

    public long cost(long billsec) {
        long billed = billedSeconds(billsec);
        if (billed == 0) {
            return 0;
        }
        return connectionFeeMinor + ceilDiv(Math.multiplyExact(billed, ratePerMinuteMinor), 60);
    }

    /**
     * The longest talk time, at most {@code capSeconds}, whose {@link #cost} fits in {@code availableMinor};
     * 0 when not even the first increment is affordable. Exact: cost(result) <= available and the next
     * billable length would not be.
     */
    public long maxAffordableSeconds(long availableMinor, long capSeconds) {
        long budget = availableMinor - connectionFeeMinor;
        if (budget < 0 || capSeconds < 1) {
            return 0;
        }
        if (ratePerMinuteMinor == 0) {
            return capSeconds;
        }
        // ceil(b * rate / 60) <= budget  <=>  b * rate <= 60 * budget
        long maxBilled = Math.multiplyExact(budget, 60L) / ratePerMinuteMinor;
        if (maxBilled < initialIncrement) {
            return 0;
        }
        long steps = (maxBilled - initialIncrement) / subsequentIncrement;
        long affordable = initialIncrement + steps * subsequentIncrement;
        return Math.min(affordable, capSeconds);
    }

    private static long ceilDiv(long a, long b) {
        return -Math.floorDiv(-a, b);
    }
}
