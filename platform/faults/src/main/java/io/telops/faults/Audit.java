package io.telops.faults;

import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.bson.Document;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;

import io.telops.devstack.DevStack;
import io.telops.testkit.PostgresServer;

/**
 * Reads the stores after (and during) a fault: how many times the dashboard's read model holds each acknowledged item,
 * whether billing's ledger is whole, whether the outboxes are drained and the dashboard's consumer groups caught up.
 */
public final class Audit {
    private static final List<String> GROUPS = List.of("dashboard-service", "dashboard-service-feed");
    /** The databases of the services on platform/outbox's PostgreSQL table. */
    private static final List<String> OUTBOX_DATABASES = List.of("ingest", "billing", "provisioning", "vats");

    private final PostgresServer postgres;
    private final String mongoUri;
    private final Supplier<Admin> kafka;

    public Audit(DevStack stack) {
        this(stack.postgres(), "mongodb://127.0.0.1:" + stack.ports().mongo() + "/?serverSelectionTimeoutMS=5000",
                () -> stack.kafka().admin());
    }

    Audit(PostgresServer postgres, String mongoUri, Supplier<Admin> kafka) {
        this.postgres = postgres;
        this.mongoUri = mongoUri;
        this.kafka = kafka;
    }

    /** How often each id shows in the dashboard's read model (absent: never). */
    public Map<String, Integer> occurrences(Flow flow, Collection<String> ids) throws SQLException {
        String sql = switch (flow) {
            // phone_log is keyed by ce_id: an event applied twice under two ids would be two rows of the MAC
            case PHONE_PUSH -> "select mac, count(*) from phone_log where mac = any(?) group by mac";
            case PLIVO_CALLBACK -> "select event_key, count(*) from feed_event where event_type = 'io.telops.call.call-received.v1'"
                    + " and event_key = any(?) group by event_key";
            case AGI_CALL -> "select call_id, count(*) from bl_event where kind = 'call-settled' and call_id = any(?) group by call_id";
            default -> throw new IllegalArgumentException(flow + " is not tracked");
        };
        Map<String, Integer> found = new HashMap<>();
        try (Connection c = connect("dashboard"); PreparedStatement st = c.prepareStatement(sql)) {
            Array array = c.createArrayOf("varchar", ids.toArray());
            st.setArray(1, array);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    found.put(rs.getString(1).strip(), rs.getInt(2));
                }
            }
        }
        return found;
    }

    /** Billing's own invariants; each entry is a violation and how many rows show it (empty: all hold). */
    public Map<String, Long> ledgerViolations() throws SQLException {
        Map<String, Long> violations = new HashMap<>();
        try (Connection c = connect("billing")) {
            count(c, "balance differs from its ledger sum", """
                    select count(*) from account a
                     where a.balance_minor <> (select coalesce(sum(e.amount_minor), 0) from ledger_entry e where e.account_id = a.id)""",
                    violations);
            // the sweeper runs every few seconds: a reservation a minute past its expiry is one it missed
            count(c, "reservation held past its expiry",
                    "select count(*) from reservation where state = 'OPEN' and expires_at < now() - interval '1 minute'", violations);
            count(c, "call debited twice", """
                    select count(*) from (select call_unique_id from ledger_entry where kind = 'DEBIT' and call_unique_id is not null
                     group by call_unique_id having count(*) > 1) d""", violations);
        }
        return violations;
    }

    /**
     * Events still waiting in each service's outbox, by store: read from the tables themselves (every service's
     * {@code telops_outbox}, call-forward's MongoDB collection), not from a depth gauge, which may be an estimate.
     */
    public Map<String, Long> outboxDepths() throws SQLException {
        Map<String, Long> depths = new LinkedHashMap<>();
        for (String database : OUTBOX_DATABASES) {
            // a service that deletes a row once published (ingest) and one that keeps it marked read the same
            depths.put(database, single(database, "select count(*) from telops_outbox where published_at is null"));
        }
        try (MongoClient client = MongoClients.create(mongoUri)) {
            depths.put("callforward", client.getDatabase("callforward").getCollection("outbox")
                    .countDocuments(new Document("published", false)));
        }
        return depths;
    }

    /** Records on the topics each dashboard group has not committed yet, by group. */
    public Map<String, Long> consumerLags() throws Exception {
        Map<String, Long> lags = new LinkedHashMap<>();
        try (Admin admin = kafka.get()) {
            for (String group : GROUPS) {
                Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                        .partitionsToOffsetAndMetadata().get(20, TimeUnit.SECONDS);
                Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
                committed.keySet().forEach(tp -> latest.put(tp, OffsetSpec.latest()));
                Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = admin.listOffsets(latest).all()
                        .get(20, TimeUnit.SECONDS);
                long lag = 0;
                for (var e : committed.entrySet()) {
                    long at = e.getValue() == null ? 0 : e.getValue().offset();
                    lag += Math.max(0, ends.get(e.getKey()).offset() - at);
                }
                lags.put(group, lag);
            }
        }
        return lags;
    }

    private long single(String database, String sql) throws SQLException {
        try (Connection c = connect(database); PreparedStatement st = c.prepareStatement(sql); ResultSet rs = st.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static void count(Connection c, String what, String sql, Map<String, Long> violations) throws SQLException {
        try (PreparedStatement st = c.prepareStatement(sql); ResultSet rs = st.executeQuery()) {
            rs.next();
            if (rs.getLong(1) > 0) {
                violations.put(what, rs.getLong(1));
            }
        }
    }

    private Connection connect(String database) throws SQLException {
        Connection c = DriverManager.getConnection(postgres.jdbcUrl(database), PostgresServer.USER, PostgresServer.PASSWORD);
        c.setNetworkTimeout(Runnable::run, 20_000);
        return c;
    }
}
