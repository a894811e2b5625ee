package io.telops.ingest;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Everything an operator tunes in this service, under {@code telops.ingest}. */
@ConfigMapping(prefix = "telops.ingest")
public interface IngestConfig {
    Push push();

    Outbox outbox();

    Acceptance acceptance();

    Retention retention();

    Polling polling();

    interface Push {
        /** Largest body accepted, in bytes; the parser stops reading one byte later. */
        @WithDefault("262144")
        long maxBodyBytes();

        @WithDefault("500")
        int maxEventsPerRequest();

        /** CIDRs phones may push from (e.g. 10.20.0.0/16); empty = anyone. */
        Optional<List<String>> allowedSubnets();

        /** HTTP Basic credentials the phones put in apps.telNotification.URL (user:pass@host); absent = off. */
        Optional<String> basicUsername();

        Optional<String> basicPassword();

        /** Shared secret as {@code ?token=} in the URL or header {@code X-Telops-Push-Token}; absent = off. */
        Optional<String> sharedSecret();

        /**
         * Serve the push URL (POST) with a plain Vert.x route ahead of Quarkus' router filters instead of the REST
         * layer; same contract, less CPU per push. {@code false} falls back to the JAX-RS resource (for A/B runs).
         */
        @WithDefault("true")
        boolean directRoute();
    }

    /**
     * The group commit that stores pushes the broker did not take. The outbox table, its relay and their keys
     * ({@code telops.outbox.*}) are platform/outbox's.
     */
    interface Outbox {
        /**
         * Writer threads of the group commit (each holds one database connection while writing). One: it commits
         * whatever queued up while its previous group's WAL flush ran, so concurrent pushes share a commit; a second
         * writer only splits the groups (more commits, more WAL flushes) on a machine with few cores.
         */
        @WithDefault("1")
        int writers();

        /** Most pushes stored in one transaction. */
        @WithDefault("128")
        int writeBatch();

        /** Pushes waiting for a writer before new ones are refused with 503. */
        @WithDefault("4096")
        int writeQueue();

        /**
         * Collect window of the writer: when the group it just took is smaller than {@code collect-target} pushes,
         * it waits up to this long for more before writing (a commit costs PostgreSQL a fixed ~250 us of CPU
         * whatever its size). {@code 0} = write at once. Only when pushes queued up while the previous group was
         * written, so a lone push on a quiet system is never delayed. Sub-millisecond values in ISO form: PT0.0005S.
         * 500 us by default: on the quiet machine it kept the 2,000 ev/s p99 under 20 ms in all four phases of two
         * runs, where writing at once missed it in three (docs/benchmarks/event-ingest-service.md, sixth round).
         */
        @WithDefault("PT0.0005S")
        java.time.Duration collectWindow();

        /** Group size at which the writer stops collecting and writes. */
        @WithDefault("16")
        int collectTarget();

        /** Longest a push waits for its commit before the phone gets a 503. */
        @WithDefault("10s")
        java.time.Duration writeTimeout();
    }

    /**
     * How a push becomes durable before its 2xx. Kafka first: the raw push and its events are produced (acks=all,
     * idempotent) and the phone is answered on the acks; the raw push is archived to PostgreSQL behind the answer.
     * Whenever the broker does not acknowledge in time, the push goes to the PostgreSQL outbox instead, under the same
     * ids, until the relay delivers again.
     */
    interface Acceptance {
        /** {@code false}: every push goes through the PostgreSQL outbox (group commit), as before. */
        @WithDefault("true")
        boolean kafkaFirst();

        /** Longest a push waits for the broker's acks before it is stored in the outbox instead. */
        @WithDefault("2s")
        Duration ackTimeout();

        /**
         * How long the producer waits to put more pushes into one request. Every produce request costs the broker a
         * fixed round of thread hand-offs, so fewer, fuller requests is what keeps it from saturating a small machine.
         */
        @WithDefault("1ms")
        Duration linger();

        /**
         * Produce requests in flight to a broker at once. One: the pushes that arrive while a request is out form the
         * next one, so requests grow with the load instead of multiplying (docs/benchmarks/event-ingest-service.md, eighth round).
         */
        @WithDefault("1")
        int maxInFlight();

        /** Internal topic of raw pushes (key = first MAC, else the sender), archived to raw_push; not a public API. */
        @WithDefault(io.telops.contracts.Topics.INGEST_RAW_PUSHES)
        String rawTopic();

        /** Most raw pushes archived in one PostgreSQL transaction. */
        @WithDefault("2000")
        int archiveBatch();

        /**
         * Longest the archiver lets raw pushes gather on the broker before it fetches them: fewer, larger fetches
         * and transactions, at the price of the raw side reaching PostgreSQL (replay, polling) this much later.
         */
        @WithDefault("500ms")
        Duration archiveWait();
    }

    interface Retention {
        /** Raw payloads and published outbox rows older than this are deleted. */
        @WithDefault("7d")
        Duration raw();
    }

    interface Polling {
        /** Master switch; each group must be enabled too. */
        @WithDefault("false")
        boolean enabled();

        Map<String, Group> groups();

        interface Group {
            @WithDefault("false")
            boolean enabled();

            /** Known phones whose last IP falls in one of these CIDRs belong to the group. */
            Optional<List<String>> subnets();

            /** Phones polled even if never heard from: host or host:port. */
            Optional<List<String>> phones();

            @WithDefault("5m")
            Duration interval();

            /** Port of the phones' web server (httpd.cfg.port) when it is not the scheme's; a listed host:port keeps its own. */
            Optional<Integer> port();

            /** apps.statePolling.username / password of the phones (HTTP digest). */
            String username();

            String password();

            @WithDefault("http")
            String scheme();
        }
    }
}
