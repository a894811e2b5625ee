package io.telops.billing.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.telops.billing.BillingFixtures;
import io.telops.billing.agi.AsteriskStandIn;
import io.telops.billing.agi.AsteriskStandIn.Call;
import io.telops.billing.agi.FastAgiServer;
import io.telops.testkit.KafkaTestResource;
import io.telops.testkit.PostgresTestResource;

@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "billing"))
class LedgerTest {
    @Inject
    FastAgiServer server;
    @Inject
    BillingFixtures fixtures;
    @Inject
    CallBilling billing;
    @Inject
    Ledger ledger;
    @Inject
    Tariffs tariffs;
    @Inject
    Groups groups;
    @Inject
    GroupCredits credits;
    @Inject
    EntityManager em;
    @Inject
    ReservationSweeper sweeper;

    @Test
    void hundredConcurrentAuthorisationsAdmitExactlyTheAffordableTen() throws Exception {
        fixtures.tariff("4971", 10, 60, 60, 0);
        // the longest call (3600 s cap) costs 60 * 10 = 600: 6000 covers exactly ten of them
        Account a = fixtures.account(6000);
        String dest = "49710001";
        String base = "1700100000." + BillingFixtures.unique() + ".";
        int calls = 100;
        ExecutorService pool = Executors.newFixedThreadPool(calls);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<List<String>>> sessions = new ArrayList<>();
        try {
            for (int i = 0; i < calls; i++) {
                String uid = base + i;
                sessions.add(pool.submit(() -> {
                    try (AsteriskStandIn ast = AsteriskStandIn.connect(server.port())) {
                        go.await();
                        ast.start(Call.of("authorize", uid, a.clid, dest));
                        return ast.answerAll(cmd -> cmd.startsWith("GET VARIABLE") ? "200 result=0" : "200 result=1");
                    }
                }));
            }
            go.countDown();
            int admitted = 0;
            int refused = 0;
            for (Future<List<String>> s : sessions) {
                List<String> commands = s.get(60, TimeUnit.SECONDS);
                if (commands.contains("SET VARIABLE BILLING_RESULT AUTHORISED")) {
                    admitted++;
                    assertThat(commands).contains("EXEC Dial PJSIP/49710001,60,L(3600000:60000)");
                } else {
                    refused++;
                    assertThat(commands).contains("SET VARIABLE BILLING_REASON INSUFFICIENT_BALANCE");
                }
            }
            assertThat(admitted).isEqualTo(10);
            assertThat(refused).isEqualTo(90);
            assertThat(fixtures.balance(a.id)).isZero();
            assertThat(minBalanceAfter(a.id)).isGreaterThanOrEqualTo(0);

            // settle all hundred concurrently; the refused ones have nothing to bill
            List<Future<List<String>>> settles = new ArrayList<>();
            for (int i = 0; i < calls; i++) {
                String uid = base + i;
                int billsec = 30 * i + 1;
                settles.add(pool.submit(() -> {
                    try (AsteriskStandIn ast = AsteriskStandIn.connect(server.port())) {
                        ast.start(Call.of("settle", uid, a.clid, "h"));
                        return ast.answerAll(cmd -> cmd.startsWith("GET FULL VARIABLE") ? AsteriskStandIn.settleReply(billsec) : "200 result=1");
                    }
                }));
            }
            for (Future<List<String>> s : settles) {
                assertThat(s.get(60, TimeUnit.SECONDS)).hasSize(2);
            }
        } finally {
            pool.shutdownNow();
        }
        long debited = QuarkusTransaction.requiringNew().call(() -> em.createQuery(
                "select coalesce(sum(c.amountMinor), 0) from Cdr c where c.accountId = :a", Long.class)
                .setParameter("a", a.id).getSingleResult());
        long cdrs = QuarkusTransaction.requiringNew().call(() -> Cdr.count("accountId", a.id));
        assertThat(cdrs).isEqualTo(10);
        assertThat(debited).isPositive();
        long balance = fixtures.balance(a.id);
        assertThat(balance).isEqualTo(6000 - debited);
        assertThat(ledger.entrySum(a.id)).isEqualTo(balance);
        assertThat(minBalanceAfter(a.id)).isGreaterThanOrEqualTo(0);
        assertThat(QuarkusTransaction.requiringNew().call(() -> Reservation.count("accountId = ?1 and state = ?2",
                a.id, ReservationState.OPEN))).isZero();
    }

    @Test
    void settlingTheSameCallTwiceDebitsOnce() throws Exception {
        fixtures.tariff("4972", 10, 60, 60, 0);
        Account a = fixtures.account(100);
        String uid = "1700200000." + BillingFixtures.unique();
        assertThat(billing.authorise(new CallRequest(uid, Optional.of(a.clid), Optional.empty(), "49720001", "PJSIP/x")))
                .isInstanceOf(Authorisation.Granted.class);
        // two h-extension runs racing, then a third one late
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Callable<List<String>> settle = () -> {
                try (AsteriskStandIn ast = AsteriskStandIn.connect(server.port())) {
                    ast.start(Call.of("settle", uid, a.clid, "h"));
                    return ast.answerAll(cmd -> cmd.startsWith("GET FULL VARIABLE") ? AsteriskStandIn.settleReply(125) : "200 result=1");
                }
            };
            Future<List<String>> one = pool.submit(settle);
            Future<List<String>> two = pool.submit(settle);
            assertThat(one.get(30, TimeUnit.SECONDS)).containsExactly(AsteriskStandIn.SETTLE_READ, "SET VARIABLE BILLING_CHARGED 30");
            assertThat(two.get(30, TimeUnit.SECONDS)).containsExactly(AsteriskStandIn.SETTLE_READ, "SET VARIABLE BILLING_CHARGED 30");
        } finally {
            pool.shutdownNow();
        }
        Settlement again = billing.settle(uid, 125, a.clid, "PJSIP/x");
        assertThat(again).isEqualTo(new Settlement.Settled(a.id, 125, 180, 30, 0, true));
        assertThat(fixtures.balance(a.id)).isEqualTo(70); // 125 s = three started minutes = 30, once
        long debits = QuarkusTransaction.requiringNew().call(() -> LedgerEntry.count("callUniqueId = ?1 and kind = ?2", uid, EntryKind.DEBIT));
        assertThat(debits).isEqualTo(1);
        assertThat(ledger.entrySum(a.id)).isEqualTo(70);
    }

    @Test
    void longestPrefixWins() {
        fixtures.tariff("4961", 100, 60, 60, 0);
        fixtures.tariff("49612", 50, 60, 60, 0);
        fixtures.tariff("4961234", 20, 1, 1, 0);
        assertThat(tariffs.match("4961234999").map(t -> t.prefix)).contains("4961234");
        assertThat(tariffs.match("4961299").map(t -> t.prefix)).contains("49612");
        assertThat(tariffs.match("4961999").map(t -> t.prefix)).contains("4961");
        assertThat(tariffs.match("4960")).isEmpty();
        assertThat(tariffs.match("496")).isEmpty();
    }

    @Test
    void authorisationPricesTheMatchedTariffWithItsIncrementsAndFee() {
        fixtures.tariff("4973", 60, 30, 6, 5); // 1 minor unit a second, 30/6, fee 5
        Account a = fixtures.account(50);
        String uid = "1700300000." + BillingFixtures.unique();
        Authorisation got = billing.authorise(new CallRequest(uid, Optional.of(a.clid), Optional.empty(), "4973555", "c"));
        // budget 50 - 5 = 45 -> 45 s billable -> 30 + 2*6 = 42 s (48 s would cost 53)
        assertThat(got).isEqualTo(new Authorisation.Granted(a.id, a.username, "4973", 42, 47));
        assertThat(fixtures.balance(a.id)).isEqualTo(3);
        // 31 s talk: 36 s billed -> 5 + 36 = 41
        assertThat(billing.settle(uid, 31, a.clid, "c")).isEqualTo(new Settlement.Settled(a.id, 31, 36, 41, 6, false));
        assertThat(fixtures.balance(a.id)).isEqualTo(9);
        // unanswered call: no fee, nothing billed
        String uid2 = "1700300001." + BillingFixtures.unique();
        assertThat(billing.authorise(new CallRequest(uid2, Optional.of(a.clid), Optional.empty(), "4973555", "c")))
                .isInstanceOf(Authorisation.Refused.class); // 9 - 5 = 4 s < 30 s first increment
        fixtures.tariff("4974", 0, 1, 1, 0);
        assertThat(billing.authorise(new CallRequest(uid2, Optional.of(a.clid), Optional.empty(), "4974", "c")))
                .isEqualTo(new Authorisation.Granted(a.id, a.username, "4974", 3600, 0));
        assertThat(billing.settle(uid2, 0, a.clid, "c")).isEqualTo(new Settlement.Settled(a.id, 0, 0, 0, 0, false));
        assertThat(ledger.entrySum(a.id)).isEqualTo(9);
    }

    @Test
    void reservationsExpireAfterLimitPlusGraceAndAreReleasedOnce() {
        fixtures.tariff("4975", 10, 60, 60, 0);
        Account a = fixtures.account(40);
        String uid = "1700400000." + BillingFixtures.unique();
        Authorisation.Granted g = (Authorisation.Granted) billing.authorise(
                new CallRequest(uid, Optional.of(a.clid), Optional.empty(), "4975123", "c"));
        assertThat(g.maxSeconds()).isEqualTo(240);
        Reservation r = QuarkusTransaction.requiringNew().call(() -> Reservation.byCall(uid).orElseThrow());
        // expiry = authorised + ring timeout (60 s) + limit (240 s) + grace (5 min)
        assertThat(Duration.between(r.createdAt, r.expiresAt)).isEqualTo(Duration.ofSeconds(60 + 240 + 300));
        assertThat(fixtures.balance(a.id)).isZero();

        billing.expireDue(r.expiresAt.minusSeconds(1), 1000); // not yet due
        assertThat(QuarkusTransaction.requiringNew().call(() -> Reservation.byCall(uid).orElseThrow().state))
                .isEqualTo(ReservationState.OPEN);
        assertThat(fixtures.balance(a.id)).isZero();
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(
                "update reservation set expires_at = now() - interval '1 second' where call_unique_id = ?1")
                .setParameter(1, uid).executeUpdate());
        sweeper.sweep(); // what the scheduler runs every sweep-interval
        assertThat(fixtures.balance(a.id)).isEqualTo(40);
        assertThat(QuarkusTransaction.requiringNew().call(() -> Reservation.byCall(uid).orElseThrow().state))
                .isEqualTo(ReservationState.EXPIRED);
        billing.expireDue(Instant.now(), 1000);
        assertThat(fixtures.balance(a.id)).isEqualTo(40); // released once only

        // a settle that arrives after expiry still bills the call from what is there
        assertThat(billing.settle(uid, 70, a.clid, "c")).isEqualTo(new Settlement.Settled(a.id, 70, 120, 20, 0, false));
        assertThat(fixtures.balance(a.id)).isEqualTo(20);
        assertThat(ledger.entrySum(a.id)).isEqualTo(20);
    }

    @Test
    void blockedAccountsAndUnknownDestinationsAreRefused() {
        Account a = fixtures.account(1000);
        assertThat(billing.authorise(new CallRequest("u-" + BillingFixtures.unique(), Optional.of(a.clid), Optional.empty(), "0000", "c")))
                .isEqualTo(new Authorisation.Refused(RefusalReason.NO_TARIFF, Optional.of(a.id)));
        fixtures.tariff("4976", 10, 60, 60, 0);
        QuarkusTransaction.requiringNew().run(() -> Account.<Account>findById(a.id).status = AccountStatus.BLOCKED);
        assertThat(billing.authorise(new CallRequest("u-" + BillingFixtures.unique(), Optional.of(a.clid), Optional.empty(), "4976", "c")))
                .isEqualTo(new Authorisation.Refused(RefusalReason.ACCOUNT_BLOCKED, Optional.of(a.id)));
    }

    @Test
    void groupCreditsRunOnceADayOnTheGroupsDayWhileCountLasts() {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        Account a = fixtures.account(0);
        Account b = fixtures.account(0);
        String name = "monthly-" + BillingFixtures.unique();
        LocalDate expiry = today.plusYears(1).withDayOfMonth(Math.min(today.getDayOfMonth(), 28));
        groups.create(new Groups.GroupSpec(Optional.of(name), Optional.of(expiry.getDayOfMonth()), Optional.of(expiry.getMonthValue()),
                Optional.of(expiry.getYear()), Optional.of(2), Optional.of(250L), Optional.of(List.of(a.id, b.id))));
        LocalDate due = today.withDayOfMonth(expiry.getDayOfMonth());
        if (due.isBefore(today)) {
            due = due.plusMonths(1);
        }
        credits.creditDue(due.minusDays(1));
        assertThat(fixtures.balance(a.id)).isZero(); // not this group's day
        credits.creditDue(due);
        credits.creditDue(due); // same day again: nothing
        assertThat(fixtures.balance(a.id)).isEqualTo(250);
        assertThat(fixtures.balance(b.id)).isEqualTo(250);
        credits.creditDue(due.plusMonths(1));
        credits.creditDue(due.plusMonths(2)); // count exhausted after two credits
        assertThat(fixtures.balance(a.id)).isEqualTo(500);
        assertThat(groups.get(name).remainingCount).isZero();
    }

    @Test
    void missedCreditDaysAreCaughtUpOnceEachUpToTheGroupsExpiry() throws Exception {
        Account a = fixtures.account(0);
        String name = "catch-up-" + BillingFixtures.unique();
        // due on the 15th of each month until 2030-06-15; created 2030-01-10; ten credits of 100
        groups.create(new Groups.GroupSpec(Optional.of(name), Optional.of(15), Optional.of(6), Optional.of(2030),
                Optional.of(10), Optional.of(100L), Optional.of(List.of(a.id))));
        fixtures.sql("update billing_group set created_on = ? where name = ?", LocalDate.of(2030, 1, 10), name);

        // the service was down on Jan 15, Feb 15 and Mar 15: all three are credited at the next run, once each
        credits.creditDue(LocalDate.of(2030, 3, 20));
        assertThat(fixtures.balance(a.id)).isEqualTo(300);
        credits.creditDue(LocalDate.of(2030, 3, 20));
        credits.creditDue(LocalDate.of(2030, 3, 21));
        assertThat(fixtures.balance(a.id)).isEqualTo(300);

        // back after the expiry: Apr 15, May 15 and Jun 15 are caught up, nothing after Jun 15
        credits.creditDue(LocalDate.of(2030, 9, 1));
        assertThat(fixtures.balance(a.id)).isEqualTo(600); // 6 due days x 100
        assertThat(groups.get(name).remainingCount).isEqualTo(4); // 10 - 6
        assertThat(groups.get(name).lastCreditedOn).isEqualTo(LocalDate.of(2030, 6, 15));
        assertThat(fixtures.queryLong("select count(*) from ledger_entry where account_id = ? and kind = 'TOPUP'", a.id)).isEqualTo(6);
    }

    private long minBalanceAfter(long accountId) {
        return QuarkusTransaction.requiringNew().call(() -> em.createQuery(
                "select coalesce(min(e.balanceAfter), 0) from LedgerEntry e where e.accountId = :a", Long.class)
                .setParameter("a", accountId).getSingleResult());
    }
}
