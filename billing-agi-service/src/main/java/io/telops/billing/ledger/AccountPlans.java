package io.telops.billing.ledger;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The plan and time zone last seen for each caller (IMSI and CLID as the call presents them), so that the authorise
 * path can price before it knows the account. A wrong guess costs one more round trip (the function answers
 * STALE_PLAN with the right values, writing nothing); it never prices a call under the wrong plan.
 */
final class AccountPlans {
    /** Bounded: past this many callers the map starts again (each costs at most one more round trip). */
    private static final int MAX_CALLERS = 200_000;

    record Guess(Optional<Long> plan, String zone) {
    }

    private final Map<String, Guess> byCaller = new ConcurrentHashMap<>();

    Guess guess(String caller, Supplier<Optional<Long>> defaultPlan) {
        Guess g = byCaller.get(caller);
        return g != null ? g : new Guess(defaultPlan.get(), "UTC");
    }

    void learn(String caller, Guess guess) {
        if (byCaller.size() >= MAX_CALLERS) {
            byCaller.clear();
        }
        byCaller.put(caller, guess);
    }
}
