package io.telops.billing.rating;

import java.util.ArrayList;
import java.util.List;

import io.telops.billing.ledger.TariffRate;

/**
 * The rate a call's destination gets from each instant on (epoch seconds), and how a call is priced across them, as
 * CGRateS does: the call is cut at every period boundary; the part before a boundary is billed in its own rate's
 * increments (the initial one first, then subsequent ones), and when its last increment runs past the boundary it
 * is charged whole at that rate and the next part starts where it ends; each later part is billed in whole subsequent
 * increments of its rate; the connection fee is the first part's, charged once; the sum is rounded up to a minor unit
 * once per call. With one rate this is exactly {@link TariffRate#cost}.
 */
public record RateSchedule(List<Part> parts) {
    /** From {@code from} (epoch second) on, until the next part, this rate applies. */
    public record Part(long from, TariffRate rate) {
    }

    /** What a call of some length costs: the seconds billed (over all parts) and the price. */
    public record Bill(long billedSeconds, long costMinor) {
    }

    public RateSchedule {
        if (parts.isEmpty()) {
            throw new IllegalArgumentException("a schedule has at least one part");
        }
        parts = List.copyOf(parts);
    }

    public static RateSchedule single(TariffRate rate) {
        return new RateSchedule(List.of(new Part(Long.MIN_VALUE, rate)));
    }

    public boolean single() {
        return parts.size() == 1;
    }

    public TariffRate first() {
        return parts.get(0).rate();
    }

    /** Prices a call answered at {@code answeredAt} (epoch second) that lasted {@code billsec}; 0 when unanswered. */
    public Bill bill(long answeredAt, long billsec) {
        if (billsec <= 0) {
            return new Bill(0, 0);
        }
        long t = 0;
        long weighted = 0; // sum of billed seconds x rate per minute, divided by 60 once at the end
        long fee = 0;
        int index = indexAt(answeredAt);
        while (t < billsec) {
            while (index + 1 < parts.size() && parts.get(index + 1).from() <= answeredAt + t) {
                index++;
            }
            TariffRate rate = parts.get(index).rate();
            long end = billsec;
            if (index + 1 < parts.size()) {
                end = Math.min(end, parts.get(index + 1).from() - answeredAt);
            }
            long length = end - t;
            long billed;
            if (t == 0) {
                billed = rate.billedSeconds(length);
                fee = rate.connectionFeeMinor();
            } else {
                billed = ceilDiv(length, rate.subsequentIncrement()) * rate.subsequentIncrement();
            }
            weighted = Math.addExact(weighted, Math.multiplyExact(billed, rate.ratePerMinuteMinor()));
            t += billed;
        }
        return new Bill(t, fee + ceilDiv(weighted, 60));
    }

    /**
     * The single rate a hold is priced with so that a call of any length it allows stays affordable wherever it is
     * answered within the schedule: with one part, that part's rate; otherwise the dearest rate per minute, the
     * longest initial increment and the dearest fee, billed per second, with the fee raised by the dearest rate for
     * one longest subsequent increment less a second. The last part of a call overruns its nominal end by less than
     * one increment, so no call billed by {@link #bill} costs more than this rate charges for it.
     */
    public TariffRate holdRate() {
        if (single()) {
            return first();
        }
        long rate = 0;
        int initial = 1;
        int subsequent = 1;
        long fee = 0;
        for (Part p : parts) {
            rate = Math.max(rate, p.rate().ratePerMinuteMinor());
            initial = Math.max(initial, p.rate().initialIncrement());
            subsequent = Math.max(subsequent, p.rate().subsequentIncrement());
            fee = Math.max(fee, p.rate().connectionFeeMinor());
        }
        return new TariffRate(rate, initial, 1, fee + ceilDiv((subsequent - 1) * rate, 60));
    }

    private int indexAt(long at) {
        int index = 0;
        for (int i = 1; i < parts.size(); i++) {
            if (parts.get(i).from() <= at) {
                index = i;
            }
        }
        return index;
    }

    /** {@code from:rate/initial/subsequent/fee;...}, as the reservation keeps it. */
    public String encode() {
        StringBuilder s = new StringBuilder();
        for (Part p : parts) {
            TariffRate r = p.rate();
            s.append(s.isEmpty() ? "" : ";").append(p.from()).append(':').append(r.ratePerMinuteMinor()).append('/')
                    .append(r.initialIncrement()).append('/').append(r.subsequentIncrement()).append('/').append(r.connectionFeeMinor());
        }
        return s.toString();
    }

    public static RateSchedule decode(String encoded) {
        List<Part> parts = new ArrayList<>();
        for (String part : encoded.split(";")) {
            int colon = part.indexOf(':');
            String[] r = part.substring(colon + 1).split("/");
            parts.add(new Part(Long.parseLong(part.substring(0, colon)), new TariffRate(Long.parseLong(r[0]),
                    Integer.parseInt(r[1]), Integer.parseInt(r[2]), Long.parseLong(r[3]))));
        }
        return new RateSchedule(parts);
    }

    private static long ceilDiv(long a, long b) {
        return -Math.floorDiv(-a, b);
    }
}
