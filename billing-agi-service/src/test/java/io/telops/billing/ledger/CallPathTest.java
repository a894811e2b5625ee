package io.telops.billing.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
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

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.telops.billing.BillingFixtures;
import io.telops.testkit.KafkaTestResource;
import io.telops.testkit.PostgresTestResource;

/**
 * The mechanisms of the JDBC call path: the in-memory tariff table follows every committed tariff change,
 * the cached balance column stays equal to the ledger sum, settle and the expiry sweeper take their locks
 * in the same order (no deadlock), and the service's commits are synchronous.
 */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "billing"))
class CallPathTest {
    @Inject
    BillingFixtures fixtures;
    @Inject
    CallBilling billing;
    @Inject
    Ledger ledger;
    @Inject
    Tariffs tariffs;
    @Inject
    TariffTable table;
    @Inject
    AgroalDataSource dataSource;

    private Authorisation authorise(Account a, String destination) {
        return billing.authorise(new CallRequest("tt." + BillingFixtures.unique(), Optional.of(a.clid), Optional.empty(), destination, "c"));
    }

    private int maxSeconds(Authorisation outcome) {
        assertThat(outcome).isInstanceOf(Authorisation.Granted.class);
        return ((Authorisation.Granted) outcome).maxSeconds();
    }



    @Test
    void tariffChangesThroughTheApiServiceAreUsedByTheNextAuthorisation() {
        String p = "*981" + BillingFixtures.unique(); // "*": no other test has a tariff that matches it
        fixtures.tariff(p, 60, 1, 1, 0); // 1 minor unit a second
        long before = billing.tariffVersion();
        assertThat(maxSeconds(authorise(fixtures.account(100), p + "1"))).isEqualTo(100);
        assertThat(table.version()).isEqualTo(before);

        fixtures.tariff(p, 120, 1, 1, 0); // twice the price
        assertThat(billing.tariffVersion()).isGreaterThan(before);
        assertThat(maxSeconds(authorise(fixtures.account(100), p + "1"))).isEqualTo(50);
        assertThat(table.version()).isEqualTo(billing.tariffVersion());

        fixtures.tariff(p + "9", 1, 60, 60, 10); // a longer prefix: 1 unit a minute, 60/60, 10 connection fee
        assertThat(maxSeconds(authorise(fixtures.account(100), p + "91"))).isEqualTo(3600); // 90 minutes, capped at 1 h
        assertThat(maxSeconds(authorise(fixtures.account(40), p + "91"))).isEqualTo(1800); // (40 - 10) units = 30 minutes
        assertThat(maxSeconds(authorise(fixtures.account(40), p + "1"))).isEqualTo(20); // the shorter prefix still 120/min

        tariffs.delete(p + "9");
        assertThat(maxSeconds(authorise(fixtures.account(40), p + "91"))).isEqualTo(20); // falls back to the shorter prefix
        tariffs.delete(p);
        Account a = fixtures.account(40);
        assertThat(authorise(a, p + "91")).isEqualTo(new Authorisation.Refused(RefusalReason.NO_TARIFF, Optional.of(a.id)));
    }

    @Test
    void tariffChangesMadeBehindTheServicesBackInSqlAreSeenToo() throws SQLException {
        // what another replica, or an operator in psql, does: the trigger bumps the version all the same
        String p = "*982" + BillingFixtures.unique(); // "*": no other test has a tariff that matches it
        fixtures.tariff(p, 60, 1, 1, 0);
        assertThat(maxSeconds(authorise(fixtures.account(300), p))).isEqualTo(300);
        long held = table.version();

        assertThat(fixtures.sql("update tariff set rate_per_minute_minor = 180 where prefix = ?", p)).isEqualTo(1);
        assertThat(billing.tariffVersion()).isGreaterThan(held);
        assertThat(maxSeconds(authorise(fixtures.account(300), p))).isEqualTo(100);

        assertThat(fixtures.sql("insert into tariff (prefix, rate_per_minute_minor, initial_increment, subsequent_increment, "
                + "connection_fee_minor) values (?, 600, 1, 1, 0)", p + "7")).isEqualTo(1);
        assertThat(maxSeconds(authorise(fixtures.account(300), p + "7"))).isEqualTo(30);
        assertThat(maxSeconds(authorise(fixtures.account(300), p + "6"))).isEqualTo(100);

        assertThat(fixtures.sql("delete from tariff where prefix in (?, ?)", p, p + "7")).isEqualTo(2);
        Account a = fixtures.account(300);
        assertThat(authorise(a, p + "7")).isEqualTo(new Authorisation.Refused(RefusalReason.NO_TARIFF, Optional.of(a.id)));
        // the reservation keeps the rate it was priced on: settling after the tariff is gone still works
    }

    @Test
    void theCachedBalanceColumnEqualsTheLedgerSumAfterEveryKindOfPosting() throws Exception {
        String p = "*983" + BillingFixtures.unique(); // "*": no other test has a tariff that matches it
        fixtures.tariff(p, 1, 60, 60, 5); // 1 unit a minute, 60/60, 5 connection fee: a 1 h hold is 65
        Account a = fixtures.account(1000);
        String settled = "bal." + BillingFixtures.unique();
        String twice = "bal." + BillingFixtures.unique();
        String expired = "bal." + BillingFixtures.unique();
        String unanswered = "bal." + BillingFixtures.unique();
        for (String uid : List.of(settled, twice, expired, unanswered)) {
            assertThat(billing.authorise(new CallRequest(uid, Optional.of(a.clid), Optional.empty(), p, "c")))
                    .isEqualTo(new Authorisation.Granted(a.id, a.username, p, 3600, 65));
            assertThat(fixtures.balance(a.id)).isEqualTo(ledger.entrySum(a.id));
        }
        assertThat(fixtures.balance(a.id)).isEqualTo(1000 - 4 * 65);
        ledger.adjust(a.id, 500, "top-up", "test");
        // 61 s bills 120 s: 5 + 2 = 7; the 65 held comes back
        assertThat(billing.settle(settled, 61, a.clid, "c")).isEqualTo(new Settlement.Settled(a.id, 61, 120, 7, 58, false));
        assertThat(fixtures.balance(a.id)).isEqualTo(740 + 500 + 58).isEqualTo(ledger.entrySum(a.id));
        assertThat(billing.settle(twice, 10, a.clid, "c")).isEqualTo(new Settlement.Settled(a.id, 10, 60, 6, 59, false));
        assertThat(billing.settle(twice, 10, a.clid, "c")).isEqualTo(new Settlement.Settled(a.id, 10, 60, 6, 0, true));
        assertThat(fixtures.balance(a.id)).isEqualTo(1298 + 59).isEqualTo(ledger.entrySum(a.id));
        assertThat(billing.settle(unanswered, 0, a.clid, "c")).isEqualTo(new Settlement.Settled(a.id, 0, 0, 0, 65, false));
        fixtures.sql("update reservation set expires_at = now() - interval '1 second' where call_unique_id = ?", expired);
        billing.expireDue(Instant.now(), 1000);
        assertThat(fixtures.balance(a.id)).isEqualTo(1357 + 65 + 65).isEqualTo(ledger.entrySum(a.id));
        ledger.adjust(a.id, -100, "deduction", "test");
        // settled after expiry: the hold is gone, the price (30 s bills 60 s: 6) comes from the balance
        assertThat(billing.settle(expired, 30, a.clid, "c")).isEqualTo(new Settlement.Settled(a.id, 30, 60, 6, 0, false));
        assertThat(fixtures.balance(a.id)).isEqualTo(1487 - 100 - 6).isEqualTo(ledger.entrySum(a.id));
        // the newest entry's balance_after is the balance, and no account anywhere disagrees with its entries
        assertThat(fixtures.queryLong("select balance_after from ledger_entry where account_id = ? order by id desc limit 1", a.id))
                .isEqualTo(fixtures.balance(a.id));
        assertThat(fixtures.queryLong("""
                select count(*) from account a
                 where a.balance_minor <> (select coalesce(sum(e.amount_minor), 0) from ledger_entry e where e.account_id = a.id)""")).isZero();
    }

    @Test
    void settlesRacingTheExpirySweeperNeitherDeadlockNorReleaseTwice() throws Exception {
        String p = "*984" + BillingFixtures.unique(); // "*": no other test has a tariff that matches it
        fixtures.tariff(p, 1, 60, 60, 0); // a 1 h hold is 60
        Account a = fixtures.account(20 * 60);
        List<String> uids = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            String uid = "race." + BillingFixtures.unique();
            uids.add(uid);
            assertThat(billing.authorise(new CallRequest(uid, Optional.of(a.clid), Optional.empty(), p, "c")))
                    .isInstanceOf(Authorisation.Granted.class);
        }
        fixtures.sql("update reservation set expires_at = now() - interval '1 second' where call_unique_id = any (?)",
                (Object) uids.toArray(new String[0]));
        ExecutorService pool = Executors.newFixedThreadPool(6);
        CountDownLatch go = new CountDownLatch(1);
        try {
            List<Future<?>> work = new ArrayList<>();
            for (String uid : uids) {
                work.add(pool.submit(() -> {
                    go.await();
                    return billing.settle(uid, 1, a.clid, "c");
                }));
            }
            for (int i = 0; i < 2; i++) {
                work.add(pool.submit(() -> {
                    go.await();
                    return billing.expireDue(Instant.now(), 5);
                }));
            }
            go.countDown();
            for (Future<?> f : work) {
                f.get(60, TimeUnit.SECONDS); // a deadlock would surface here as an ExecutionException
            }
        } finally {
            pool.shutdownNow();
        }
        for (String uid : uids) {
            assertThat(fixtures.queryLong("select count(*) from ledger_entry where call_unique_id = ? and kind = 'RELEASE'", uid))
                    .as("releases of " + uid).isEqualTo(1);
            assertThat(fixtures.queryLong("select count(*) from reservation where call_unique_id = ? and state = 'SETTLED'", uid)).isEqualTo(1);
        }
        assertThat(fixtures.balance(a.id)).isEqualTo(ledger.entrySum(a.id)).isGreaterThanOrEqualTo(0);
    }

    @Test
    void theServicesConnectionsCommitSynchronously() throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement st = c.prepareStatement("show synchronous_commit");
             ResultSet rs = st.executeQuery()) {
            rs.next();
            assertThat(rs.getString(1)).isEqualTo("on");
        }
    }
}
