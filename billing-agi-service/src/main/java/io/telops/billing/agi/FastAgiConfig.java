package io.telops.billing.agi;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** {@code telops.fastagi.*}: where the FastAGI server listens and how long it waits for a peer. */
@ConfigMapping(prefix = "telops.fastagi")
public interface FastAgiConfig {
    /** TCP port; 0 picks a free one (tests), the bound port is {@link FastAgiServer#port()}. */
    @WithDefault("4573")
    int port();

    @WithDefault("0.0.0.0")
    String host();

    /** A peer that has not finished its header block by then is dropped. */
    @WithDefault("5s")
    Duration headerTimeout();

    /** Longest wait for the reply to an ordinary command (not Dial, whose wait follows the call limit). */
    @WithDefault("10s")
    Duration replyTimeout();

    @WithDefault("8192")
    int maxLineLength();

    @WithDefault("128")
    int maxHeaderLines();

    /** Sessions beyond this are refused at accept time. */
    @WithDefault("5000")
    int maxSessions();

    /** Peers (CIDRs or addresses) that may connect; anyone else is closed on accept, before a byte is read. */
    @WithDefault("127.0.0.0/8,::1")
    List<String> allowedPeers();

    /**
     * Shared secrets, one or more (one per PBX), that the AGI URL must carry as {@code ?key=}; unset: no key asked.
     * Compared in constant time and never logged.
     */
    Optional<List<String>> keys();

    /** Worker threads that run blocking ledger transactions for AGI sessions (bounded, near the JDBC pool size). */
    @WithDefault("16")
    int workerThreads();
}
