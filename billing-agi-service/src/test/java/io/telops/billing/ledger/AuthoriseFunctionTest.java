package io.telops.billing.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.telops.billing.BillingFixtures;
import io.telops.billing.BillingFixtures.OutboxRow;
import io.telops.contracts.EventJson;
import io.telops.contracts.billing.BalanceChanged;
import io.telops.contracts.billing.BillingEventTypes;
import io.telops.contracts.billing.CallAuthorised;
import io.telops.contracts.billing.CallRefused;
import io.telops.testkit.KafkaTestResource;
import io.telops.testkit.PostgresTestResource;

/**
 * The single-statement authorise ({@code billing_authorise}, V3 migration): its rating arithmetic against
 * {@link TariffRate}, exact admission under concurrency, group expiry, the stale-tariff answer that writes
 * nothing, a repeated uniqueid refused as a duplicate, and the outbox events it builds in SQL read back as the contract records.
 */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "billing"))
class AuthoriseFunctionTest {
    private static final ObjectMapper JSON = EventJson.mapper();

    @Inject
    BillingFixtures fixtures;
    @Inject
    CallBilling billing;
    @Inject
    TariffTable table;
    @Inject
    AgroalDataSource dataSource;

    @Test
    void theRatingArithmeticInSqlIsTariffRateExactly() throws SQLException {
        List<TariffRate> rates = List.of(new TariffRate(0, 1, 1, 0), new TariffRate(1, 1, 1, 0), new TariffRate(7, 60, 60, 3),
                new TariffRate(60, 1, 1, 0), new TariffRate(61, 30, 6, 10), new TariffRate(120, 1, 60, 1),
                new TariffRate(599, 60, 60, 0), new TariffRate(25, 45, 15, 7));
        int compared = 0;
        try (Connection c = dataSource.getConnection(); PreparedStatement st = c.prepareStatement("""
                select b, billing_max_affordable_seconds(b, ?, ?, ?, ?, ?), billing_cost(b, ?, ?, ?, ?),
                       billing_billed_seconds(b, ?, ?) from generate_series(0, 700) b""")) {
            for (TariffRate r : rates) {
                for (long cap : new long[] {0, 1, 45, 3600}) {
                    int i = 1;
                    st.setLong(i++, cap);
                    st.setLong(i++, r.ratePerMinuteMinor());
                    st.setInt(i++, r.initialIncrement());
                    st.setInt(i++, r.subsequentIncrement());
                    st.setLong(i++, r.connectionFeeMinor());
                    st.setLong(i++, r.ratePerMinuteMinor());
                    st.setInt(i++, r.initialIncrement());
                    st.setInt(i++, r.subsequentIncrement());
                    st.setLong(i++, r.connectionFeeMinor());
                    st.setInt(i++, r.initialIncrement());
                    st.setInt(i, r.subsequentIncrement());
                    try (ResultSet rs = st.executeQuery()) {
                        while (rs.next()) {
                            long b = rs.getLong(1);
                            assertThat(rs.getLong(2)).as("max affordable of %d with cap %d, %s", b, cap, r)
                                    .isEqualTo(r.maxAffordableSeconds(b, cap));
                            assertThat(rs.getLong(3)).as("cost of %d s, %s", b, r).isEqualTo(r.cost(b));
                            assertThat(rs.getLong(4)).as("billed seconds of %d s, %s", b, r).isEqualTo(r.billedSeconds(b));
                            compared++;
                        }
                    }
                }
            }
        }
        assertThat(compared).isEqualTo(rates.size() * 4 * 701);
        // by hand: 30/6 at 61 a minute, fee 10, balance 100: budget 90 buys floor(90 * 60 / 61) = 88 billable
        // seconds, and whole increments within 88 give 30 + 9 * 6 = 84 s
        assertThat(new TariffRate(61, 30, 6, 10).maxAffordableSeconds(100, 3600)).isEqualTo(84);
        assertThat(new TariffRate(61, 30, 6, 10).cost(84)).isEqualTo(10 + 86); // ceil(84 * 61 / 60) = ceil(85.4) = 86
    }

    @Test
    void concurrentAuthorisationsThroughTheFunctionAdmitExactlyTheAffordableNumber() throws Exception {
        fixtures.tariff("4972", 10, 60, 60, 0);
        Account a = fixtures.account(6000); // ten calls of 3600 s at 10 a minute
        String base = "fn.conc." + BillingFixtures.unique() + ".";
        int calls = 40;
        ExecutorService pool = Executors.newFixedThreadPool(calls);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Authorisation>> outcomes = new ArrayList<>();
        try {
            for (int i = 0; i < calls; i++) {
                String uid = base + i;
                outcomes.add(pool.submit(() -> {
                    go.await();
                    return billing.authorise(new CallRequest(uid, Optional.of(a.clid), Optional.empty(), "49720001", "c"));
                }));
            }
            go.countDown();
            int granted = 0;
            int refused = 0;
            for (Future<Authorisation> f : outcomes) {
                Authorisation o = f.get(60, TimeUnit.SECONDS);
                if (o instanceof Authorisation.Granted g) {
                    assertThat(g.maxSeconds()).isEqualTo(3600);
                    assertThat(g.reservedMinor()).isEqualTo(600);
                    granted++;
                } else {
                    assertThat(o).isEqualTo(new Authorisation.Refused(RefusalReason.INSUFFICIENT_BALANCE, Optional.of(a.id)));
                    refused++;
                }
            }
            assertThat(granted).isEqualTo(10);
            assertThat(refused).isEqualTo(30);
        } finally {
            pool.shutdownNow();
        }
        assertThat(fixtures.balance(a.id)).isZero();
        assertThat(fixtures.queryLong("select sum(amount_minor) from ledger_entry where account_id = ?", a.id)).isZero();
        assertThat(fixtures.queryLong("select count(*) from reservation where account_id = ? and state = 'OPEN'", a.id)).isEqualTo(10);
        assertThat(fixtures.queryLong("select count(*) from ledger_entry where account_id = ? and kind = 'RESERVATION'", a.id)).isEqualTo(10);
    }

    @Test
    void anAccountWhoseOnlyGroupsHaveExpiredIsRefusedAndAValidGroupAdmitsIt() throws SQLException {
        fixtures.tariff("4973", 60, 1, 1, 0);
        Account a = fixtures.account(100);
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        long expired = group("fn-expired-" + BillingFixtures.unique(), today.minusDays(1));
        fixtures.sql("insert into group_member (group_id, account_id) values (?, ?)", expired, a.id);
        assertThat(authorise(a, "fn.g1." + BillingFixtures.unique()))
                .isEqualTo(new Authorisation.Refused(RefusalReason.GROUP_EXPIRED, Optional.of(a.id)));
        assertThat(fixtures.balance(a.id)).isEqualTo(100);

        long valid = group("fn-today-" + BillingFixtures.unique(), today); // valid up to and including its expiry day
        fixtures.sql("insert into group_member (group_id, account_id) values (?, ?)", valid, a.id);
        Authorisation granted = authorise(a, "fn.g2." + BillingFixtures.unique());
        assertThat(granted).isInstanceOf(Authorisation.Granted.class);
        assertThat(((Authorisation.Granted) granted).maxSeconds()).isEqualTo(100);
        assertThat(fixtures.balance(a.id)).isZero();
    }

    @Test
    void aStaleTariffVersionIsAnsweredWithoutWritingAndTheServiceRetriesOnTheNewTable() throws Exception {
        String p = "*983" + BillingFixtures.unique();
        fixtures.tariff(p, 60, 1, 1, 0);
        Account a = fixtures.account(300);
        long current = billing.tariffVersion();
        String uid = "fn.stale." + BillingFixtures.unique();
        long outboxBefore = fixtures.queryLong("select count(*) from telops_outbox where event_key = ?", String.valueOf(a.id));
        try (Connection c = dataSource.getConnection(); PreparedStatement st = c.prepareStatement(
                "select r_outcome, r_tariff_version from billing_authorise(?, null, ?, ?, ?, ?, ?, ?, ?, ?, 60, 1, 1, 0, 3600, 0, 'USD', "
                        + "'t', 'a', 'b', 'r')")) {
            Instant now = Instant.now();
            int i = 1;
            st.setString(i++, uid);
            st.setString(i++, a.clid);
            st.setString(i++, a.clid);
            st.setString(i++, p);
            st.setObject(i++, OffsetDateTime.ofInstant(now, ZoneOffset.UTC));
            st.setString(i++, now.toString());
            st.setObject(i++, LocalDate.ofInstant(now, ZoneOffset.UTC));
            st.setLong(i++, current - 1);
            st.setString(i, p);
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                assertThat(rs.getString(1)).isEqualTo("STALE_TARIFF");
                assertThat(rs.getLong(2)).isEqualTo(current);
            }
        }
        assertThat(fixtures.queryLong("select count(*) from reservation where call_unique_id = ?", uid)).isZero();
        assertThat(fixtures.queryLong("select count(*) from telops_outbox where event_key = ?", String.valueOf(a.id))).isEqualTo(outboxBefore);
        assertThat(fixtures.balance(a.id)).isEqualTo(300);

        // behind the service's back: the held table is now older, the function says so, the service reloads
        fixtures.sql("update tariff set rate_per_minute_minor = 120 where prefix = ?", p);
        long held = table.version();
        Authorisation g = billing.authorise(new CallRequest(uid, Optional.of(a.clid), Optional.empty(), p, "c"));
        assertThat(g).isEqualTo(new Authorisation.Granted(a.id, a.username, p, 150, 300));
        assertThat(table.version()).isGreaterThan(held).isEqualTo(billing.tariffVersion());
    }

    @Test
    void aRepeatedUniqueIdIsRefusedAsADuplicateAndNothingIsHeldTwice() throws SQLException {
        fixtures.tariff("4974", 60, 1, 1, 0);
        Account a = fixtures.account(500);
        String uid = "fn.rep." + BillingFixtures.unique();
        CallRequest call = new CallRequest(uid, Optional.of(a.clid), Optional.empty(), "4974555", "c");
        assertThat(billing.authorise(call)).isEqualTo(new Authorisation.Granted(a.id, a.username, "4974", 500, 500));
        assertThat(billing.authorise(call)).isEqualTo(new Authorisation.Refused(RefusalReason.DUPLICATE_CALL, Optional.of(a.id)));
        assertThat(fixtures.queryLong("select count(*) from reservation where call_unique_id = ?", uid)).isEqualTo(1);
        assertThat(fixtures.queryLong("select count(*) from ledger_entry where call_unique_id = ?", uid)).isEqualTo(1);
        assertThat(fixtures.queryLong("select count(*) from telops_outbox where event_key = ? and ce_type = ?", String.valueOf(a.id),
                BillingEventTypes.CALL_AUTHORISED.type())).isEqualTo(1);
        assertThat(fixtures.queryLong("select count(*) from telops_outbox where ce_type = ? and payload::json ->> 'callUniqueId' = ?",
                BillingEventTypes.CALL_REFUSED.type(), uid)).isEqualTo(1);
        assertThat(fixtures.balance(a.id)).isZero();
    }

    @Test
    void theOutboxEventsBuiltInSqlReadBackAsTheContractRecords() throws Exception {
        fixtures.tariff("4975", 60, 1, 1, 5);
        Account a = fixtures.account(105);
        String uid = "fn.ev." + BillingFixtures.unique();
        Instant before = Instant.now();
        assertThat(billing.authorise(new CallRequest(uid, Optional.of(a.clid), Optional.empty(), "49751", "c")))
                .isEqualTo(new Authorisation.Granted(a.id, a.username, "4975", 100, 105));
        List<OutboxRow> all = fixtures.outbox("event_key = ?", String.valueOf(a.id)); // the fixture's top-up, then the two of the call
        List<OutboxRow> rows = all.subList(all.size() - 2, all.size());
        assertThat(rows).extracting(OutboxRow::type).containsExactly(BillingEventTypes.CALL_AUTHORISED.type(),
                BillingEventTypes.BALANCE_CHANGED.type());
        assertThat(rows).extracting(OutboxRow::key).containsOnly(String.valueOf(a.id));
        CallAuthorised auth = JSON.readValue(rows.get(0).payload(), CallAuthorised.class);
        assertThat(auth.occurredAt()).isBetween(before, Instant.now());
        assertThat(auth).isEqualTo(new CallAuthorised(a.id, a.username, uid, a.clid, "49751", "4975", 100, 105, "USD",
                auth.occurredAt()));
        assertThat(JSON.readValue(rows.get(1).payload(), BalanceChanged.class)).isEqualTo(new BalanceChanged(a.id, a.username, -105, 0,
                "USD", "CALL_RESERVED", auth.occurredAt(), Optional.of(2L))); // 1 was the fixture's top-up

        String unknownUid = "fn.ev.u." + BillingFixtures.unique();
        String stranger = "99" + BillingFixtures.unique();
        assertThat(billing.authorise(new CallRequest(unknownUid, Optional.of(stranger), Optional.empty(), "49751", "c")))
                .isEqualTo(new Authorisation.Refused(RefusalReason.UNKNOWN_ACCOUNT, Optional.empty()));
        List<OutboxRow> refused = fixtures.outbox("payload::json ->> 'callUniqueId' = ?", unknownUid);
        assertThat(refused).hasSize(1);
        assertThat(refused.get(0).type()).isEqualTo(BillingEventTypes.CALL_REFUSED.type());
        assertThat(refused.get(0).key()).isEqualTo("clid:" + stranger);
        assertThat(refused.get(0).payload()).doesNotContain("accountId"); // an absent optional is omitted, as EventJson does
        CallRefused r = JSON.readValue(refused.get(0).payload(), CallRefused.class);
        assertThat(r).isEqualTo(new CallRefused(Optional.empty(), unknownUid, stranger, "49751", "UNKNOWN_ACCOUNT", r.occurredAt()));
    }

    private Authorisation authorise(Account a, String uid) {
        return billing.authorise(new CallRequest(uid, Optional.of(a.clid), Optional.empty(), "49731", "c"));
    }

    private long group(String name, LocalDate expires) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement st = c.prepareStatement(
                "insert into billing_group (name, expires_on, remaining_count) values (?, ?, 0) returning id")) {
            st.setString(1, name);
            st.setObject(2, expires);
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }


}
