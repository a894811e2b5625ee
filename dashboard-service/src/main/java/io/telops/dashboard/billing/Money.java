package io.telops.dashboard.billing;

import java.math.BigDecimal;
import java.util.Currency;

/** Integer minor units shown as an amount of their ISO 4217 currency: 1234 EUR -> "12.34 EUR". */
public final class Money {
    private Money() {
    }

    public static String format(long minor, String currency) {
        int digits = 2;
        try {
            digits = Math.max(0, Currency.getInstance(currency).getDefaultFractionDigits());
        } catch (IllegalArgumentException | NullPointerException unknown) {
            // not an ISO code: show it with two decimals, as most are
        }
        return BigDecimal.valueOf(minor, digits).toPlainString() + " " + (currency == null ? "" : currency);
    }

    static String signed(long minor, String currency) {
        return (minor > 0 ? "+" : "") + format(minor, currency);
    }
}
