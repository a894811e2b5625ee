package io.telops.billing.ledger;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * Where the time of a call-path ledger transaction goes: {@code telops_billing_ledger_phase_seconds{op,phase}}
 * (op authorise/settle; phase connect, lookup, write+commit, or commit alone
 * for a transaction that wrote nothing) and the SQL statements it sent,
 * {@code telops_billing_ledger_statements_total{op}} (the COMMIT counted as one). The phase timers publish
 * percentile histograms (10 µs to 60 s), so the tail of each phase can be read, not only its mean. The benchmark
 * prints both.
 */
final class LedgerTimings {
    private final MeterRegistry registry;
    private final ConcurrentHashMap<String, Timer> timers = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Counter> statements = new ConcurrentHashMap<>();

    LedgerTimings(MeterRegistry registry) {
        this.registry = registry;
    }

    /** A stopwatch for one transaction of {@code op}. */
    Clock start(String op) {
        return new Clock(op);
    }

    final class Clock {
        private final String op;
        private long mark = System.nanoTime();
        private int count;
        private boolean committed;

        private Clock(String op) {
            this.op = op;
        }

        /** Ends the phase running since the last lap, which sent {@code sent} statements. */
        void lap(String phase, int sent) {
            long now = System.nanoTime();
            timers.computeIfAbsent(op + '/' + phase, k -> Timer.builder("telops.billing.ledger.phase")
                    .tag("op", op).tag("phase", phase).publishPercentileHistogram()
                    .minimumExpectedValue(Duration.ofNanos(10_000)).maximumExpectedValue(Duration.ofSeconds(60))
                    .register(registry)).record(now - mark, TimeUnit.NANOSECONDS);
            mark = now;
            count += sent;
        }

        /** Ends the phase whose last statement carried the COMMIT. */
        void committed(String phase, int sent) {
            lap(phase, sent);
            committed = true;
        }

        boolean committed() {
            return committed;
        }

        void done() {
            statements.computeIfAbsent(op, k -> Counter.builder("telops.billing.ledger.statements").tag("op", op)
                    .register(registry)).increment(count);
        }
    }
}
