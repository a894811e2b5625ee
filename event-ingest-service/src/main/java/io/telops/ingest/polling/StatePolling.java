package io.telops.ingest.polling;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import io.telops.ingest.IngestConfig;
import io.telops.ingest.outbox.PushStore;
import io.telops.outbox.OutboxRelay;
import io.telops.security.Cidr;
import io.telops.security.Networks;

/**
 * Polls phones per phone group (off by default: {@code telops.ingest.polling.enabled} and the group's own
 * {@code enabled}). A group's phones are the phones we have heard from whose last IP is in its subnets, plus
 * the hosts it lists. What a poll finds goes through the same outbox as pushes.
 */
@ApplicationScoped
public class StatePolling {
    private static final Logger LOG = Logger.getLogger(StatePolling.class);

    private final IngestConfig.Polling config;
    private final PushStore store;
    private final OutboxRelay relay;
    private final MeterRegistry metrics;
    private final PhoneStatePoller poller = new PhoneStatePoller(Duration.ofSeconds(5));
    private final Map<String, Instant> lastRun = new ConcurrentHashMap<>();

    StatePolling(IngestConfig config, PushStore store, OutboxRelay relay, MeterRegistry metrics) {
        this.config = config.polling();
        this.store = store;
        this.relay = relay;
        this.metrics = metrics;
    }

    @Scheduled(every = "${telops.ingest.polling.tick:10s}", delayed = "30s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void tick() {
        if (!config.enabled()) {
            return;
        }
        Instant now = Instant.now();
        config.groups().forEach((name, group) -> {
            if (group.enabled() && lastRun.getOrDefault(name, Instant.EPOCH).plus(group.interval()).isBefore(now)) {
                lastRun.put(name, now);
                pollGroup(name, group);
            }
        });
    }

    /** Polls every phone of one group once; returns how many phones answered. */
    public int pollGroup(String name, IngestConfig.Polling.Group group) {
        int answered = 0;
        for (String host : targets(group)) {
            try {
                Instant at = Instant.now();
                PhoneStatePoller.PolledState state = poller.poll(
                        new PhoneStatePoller.Target(group.scheme(), host, group.username(), group.password()), at);
                store.enqueue(state.events(), "telops-ingest/poll/" + state.mac() + "/" + at.toEpochMilli());
                metrics.counter("telops.ingest.polls", "group", name, "outcome", "ok").increment();
                answered++;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return answered;
            } catch (Exception e) {
                metrics.counter("telops.ingest.polls", "group", name, "outcome", "failed").increment();
                LOG.debugf("poll of %s (group %s) failed: %s", host, name, e);
            }
        }
        relay.nudge();
        return answered;
    }

    private List<String> targets(IngestConfig.Polling.Group group) {
        Set<String> hosts = new LinkedHashSet<>(group.phones().orElse(List.of()));
        List<String> subnets = group.subnets().orElse(List.of());
        if (!subnets.isEmpty()) {
            Networks allowed = Networks.parse(subnets);
            try {
                store.knownPhones().stream().filter(phone -> pollable(phone, allowed))
                        .map(phone -> authority(phone.ip(), group.port())).forEach(hosts::add);
            } catch (Exception e) {
                LOG.warnf("cannot list known phones: %s", e);
            }
        }
        return new ArrayList<>(hosts);
    }

    /**
     * A push may claim any PhoneIP, and the poller answers digest challenges with the phones' credentials wherever it
     * connects: so only a literal address inside the group's subnets that is also where the phone's last (guarded)
     * push came from.
     */
    static boolean pollable(PushStore.KnownPhone phone, Networks subnets) {
        Optional<byte[]> claimed = Cidr.address(phone.ip());
        Optional<byte[]> source = phone.source().flatMap(Cidr::address);
        return claimed.isPresent() && source.isPresent() && Arrays.equals(claimed.get(), source.get())
                && subnets.contains(claimed.get());
    }

    /** host[:port] of a literal address, IPv6 in brackets. */
    static String authority(String ip, Optional<Integer> port) {
        String host = ip.contains(":") ? "[" + ip + "]" : ip;
        return port.map(p -> host + ":" + p).orElse(host);
    }
}
