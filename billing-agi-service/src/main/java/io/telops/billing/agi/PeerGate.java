package io.telops.billing.agi;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.telops.security.Networks;

/**
 * Who may open a FastAGI session: the peer's address must lie in {@code telops.fastagi.allowed-peers}. Checked
 * on accept, before a byte is read; a refusal is counted every time and logged at most once a minute per peer.
 */
final class PeerGate {
    private static final Logger LOG = Logger.getLogger(PeerGate.class);
    private static final long LOG_EVERY_NANOS = TimeUnit.MINUTES.toNanos(1);
    /** Bounds the memory a scan from many addresses can take; forgetting only means one more log line. */
    private static final int MAX_REMEMBERED = 10_000;

    private final Networks allowed;
    private final Counter refused;
    private final Map<String, Long> lastLogged = new ConcurrentHashMap<>();

    PeerGate(Networks allowed, MeterRegistry registry) {
        this.allowed = allowed;
        this.refused = registry.counter("telops.agi.peers.refused");
    }

    /** True when the peer may talk to us; otherwise counts, maybe logs, and the caller closes the socket. */
    boolean admits(String peerAddress) {
        if (peerAddress != null && allowed.contains(peerAddress)) {
            return true;
        }
        refused.increment();
        long now = System.nanoTime();
        Long last = lastLogged.get(String.valueOf(peerAddress));
        if (last == null || now - last >= LOG_EVERY_NANOS) {
            if (lastLogged.size() >= MAX_REMEMBERED) {
                lastLogged.clear();
            }
            lastLogged.put(String.valueOf(peerAddress), now);
            LOG.warnf("FastAGI: refused peer %s, not in telops.fastagi.allowed-peers (logged once a minute per peer)",
                    AgiHeaderReader.printable(String.valueOf(peerAddress)));
        }
        return false;
    }
}
