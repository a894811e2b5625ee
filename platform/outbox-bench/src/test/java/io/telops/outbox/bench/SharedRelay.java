package io.telops.outbox.bench;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.producer.ProducerConfig;

import io.agroal.api.AgroalDataSource;
import io.agroal.api.configuration.supplier.AgroalDataSourceConfigurationSupplier;
import io.agroal.api.security.NamePrincipal;
import io.agroal.api.security.SimplePassword;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.telops.outbox.OutboxConfig;
import io.telops.outbox.OutboxEvent;
import io.telops.outbox.OutboxRelay;
import io.telops.outbox.PostgresOutboxStore;
import io.telops.testkit.PostgresServer;

/**
 * The shared relay of platform/outbox (io.telops:outbox) as a service runs it, on an Agroal pool like the services'
 * datasource: polling the table (the default), or with the in-memory hand-off after each commit ({@code hand-off.queue}).
 */
final class SharedRelay implements Pipeline {
    private final BenchInfrastructure infra;
    private final RelayConfig config;
    private AgroalDataSource dataSource;
    private OutboxRelay relay;

    SharedRelay(BenchInfrastructure infra, int handOffQueue) {
        this.infra = infra;
        this.config = new RelayConfig(handOffQueue);
    }

    @Override
    public String name() {
        return config.handOffQueue() > 0 ? "shared relay, hand-off" : "shared relay";
    }

    @Override
    public synchronized void start() throws Exception {
        if (relay != null) {
            return;
        }
        if (dataSource == null) {
            dataSource = AgroalDataSource.from(new AgroalDataSourceConfigurationSupplier().connectionPoolConfiguration(pool -> pool
                    .maxSize(4)
                    .connectionFactoryConfiguration(factory -> factory
                            .jdbcUrl(infra.jdbcUrl())
                            .principal(new NamePrincipal(PostgresServer.USER))
                            .credential(new SimplePassword(PostgresServer.PASSWORD)))));
        }
        PostgresOutboxStore store = new PostgresOutboxStore(dataSource, config.claiming(), config.leaderLock(), false);
        relay = new OutboxRelay(store, config, CloudEventRecords.SOURCE,
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, infra.bootstrapServers(), ProducerConfig.CLIENT_ID_CONFIG, "bench-shared-relay"),
                new SimpleMeterRegistry());
        relay.start();
    }

    @Override
    public void committed(Workload w, int i, Instant occurredAt) {
        OutboxRelay r = relay;
        if (r != null && config.handOffQueue() > 0) {
            r.handOff(List.of(new OutboxEvent(w.ids[i], w.topic, w.key(i), Workload.TYPE, w.payload(i, occurredAt), occurredAt)));
        }
    }

    /** Rows waiting in the table: all an operator watches is the outbox's depth and lag. */
    @Override
    public String retained() throws Exception {
        return infra.queryString("select count(*) || ' rows pending, table ' || pg_size_pretty(pg_total_relation_size('telops_outbox')) "
                + "from telops_outbox where published_at is null");
    }

    @Override
    public synchronized void stop() throws Exception {
        if (relay != null) {
            relay.stop();
            relay = null;
        }
    }

    @Override
    public synchronized void close() throws Exception {
        stop();
        if (dataSource != null) {
            dataSource.close();
            dataSource = null;
        }
    }

    OutboxConfig config() {
        return config;
    }
}
