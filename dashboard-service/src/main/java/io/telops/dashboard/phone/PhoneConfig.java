package io.telops.dashboard.phone;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How phones are kept and shown: {@code telops.dashboard.phones.*}. */
@ConfigMapping(prefix = "telops.dashboard.phones")
public interface PhoneConfig {
    /**
     * A phone none of whose events was received for longer than this is shown offline, whatever it reported last.
     * Idle phones only push on change, so this must exceed the heartbeat: state polling's interval, or without it
     * the phones' line registrations.
     */
    @WithDefault("PT2H")
    Duration offlineAfter();

    /**
     * A call none of whose states was received for this long is ended ({@code expired}): its Disconnected was
     * lost. A state poll refreshes every call it lists, so with polling on only calls the phone dropped expire.
     */
    @WithDefault("PT4H")
    Duration maxCallAge();

    /** How often calls are checked against {@link #maxCallAge()} (read by the sweep's schedule). */
    @WithDefault("PT1M")
    Duration callExpiryEvery();

    /** Log rows on each overview card (the seed app showed five). */
    @WithDefault("5")
    int recentLogs();

    /** Largest page a client may ask for. */
    @WithDefault("200")
    int maxPageSize();

    /**
     * How many partitions of one poll are applied at once, each in its own transaction. Partitions hold
     * disjoint phones (the key is the MAC), so their batches never wait on each other's rows.
     */
    @WithDefault("3")
    int applyThreads();
}
