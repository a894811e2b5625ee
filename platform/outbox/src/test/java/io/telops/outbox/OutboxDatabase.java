package io.telops.outbox;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import javax.sql.DataSource;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.postgresql.ds.PGSimpleDataSource;

import io.telops.testkit.KafkaBroker;
import io.telops.testkit.PostgresServer;

/** A fresh database with the outbox table and a fresh topic per test, on the testkit's real PostgreSQL and Kafka. */
final class OutboxDatabase {
    final DataSource dataSource;
    final String topic = "telops.outbox-test-" + UUID.randomUUID();
    private final KafkaBroker broker;

    OutboxDatabase(PostgresServer postgres, KafkaBroker broker) {
        this.broker = broker;
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setURL(postgres.createDatabase("outbox_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16)));
        ds.setUser(PostgresServer.USER);
        ds.setPassword(PostgresServer.PASSWORD);
        this.dataSource = ds;
        OutboxSchema.migrate(ds);
        broker.createTopics(List.of(topic), 3);
    }

    Map<String, Object> kafka() {
        return Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
    }

    OutboxEvent event(String key) {
        return OutboxEvent.of(topic, key, "io.telops.test.happened.v1", "{\"key\":\"" + key + "\"}",
                Instant.now().truncatedTo(ChronoUnit.MICROS)); // PostgreSQL keeps microseconds
    }

    /** Inserts the events in one transaction and commits (or rolls back). */
    void write(List<OutboxEvent> events, boolean commit) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement st = c.prepareStatement(Outbox.INSERT + Outbox.values(events.size()))) {
                Outbox.bind(st, 1, events);
                st.executeUpdate();
            }
            if (commit) {
                c.commit();
            } else {
                c.rollback();
            }
        }
    }

    /** Inserts the events with the array form in one committed transaction; returns the ids actually inserted, in order. */
    List<UUID> writeArrays(List<OutboxEvent> events) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement st = c.prepareStatement(Outbox.INSERT_ARRAYS + " returning id")) {
            Outbox.bindArrays(st, 1, events);
            List<UUID> inserted = new ArrayList<>();
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    inserted.add(rs.getObject(1, UUID.class));
                }
            }
            return inserted;
        }
    }

    long count(String where) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement st = c.prepareStatement("select count(*) from telops_outbox where " + where);
             ResultSet rs = st.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    void execute(String sql) throws SQLException {
        try (Connection c = dataSource.getConnection(); var st = c.createStatement()) {
            st.execute(sql);
        }
    }

    /** Everything on the test's topic, read until {@code expected} records came or {@code wait} passed. */
    List<ConsumerRecord<String, String>> published(int expected, Duration wait) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> parts = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                    .map(i -> new TopicPartition(i.topic(), i.partition())).toList();
            consumer.assign(parts);
            consumer.seekToBeginning(parts);
            List<ConsumerRecord<String, String>> out = new ArrayList<>();
            long deadline = System.nanoTime() + wait.toNanos();
            while (out.size() < expected && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(out::add);
            }
            if (out.size() >= expected) {
                consumer.poll(Duration.ofMillis(500)).forEach(out::add); // a duplicate would arrive here
            }
            return out;
        }
    }
}
