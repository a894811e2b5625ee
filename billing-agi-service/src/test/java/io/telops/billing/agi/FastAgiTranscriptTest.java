package io.telops.billing.agi;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.telops.billing.BillingFixtures;
import io.telops.billing.agi.AsteriskStandIn.Call;
import io.telops.billing.ledger.Account;
import io.telops.billing.ledger.Accounts;
import io.telops.billing.ledger.BillingGroup;
import io.telops.billing.ledger.Cdr;
import io.telops.billing.ledger.Groups;
import io.telops.billing.ledger.Reservation;
import io.telops.billing.ledger.ReservationState;
import io.telops.testkit.KafkaTestResource;
import io.telops.testkit.PostgresTestResource;

/**
 * Byte-exact FastAGI sessions against the real server, PostgreSQL and Kafka: the stand-in plays Asterisk
 * and every byte the server writes is compared with the expected transcript.
 */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "billing"))
class FastAgiTranscriptTest {
    private static final String DEST = "4981234567";

    @Inject
    FastAgiServer server;
    @Inject
    BillingFixtures fixtures;
    @Inject
    Groups groups;
    @Inject
    Accounts accounts;

    @BeforeEach
    void tariff() {
        fixtures.tariff("498", 10, 60, 60, 0); // 10 minor units a started minute
    }

    @Test
    void authoriseWithEnoughBalanceReservesAndDialsWithALimit() throws Exception {
        Account a = fixtures.account(100);
        String uid = "1700000001." + BillingFixtures.unique();
        try (AsteriskStandIn ast = AsteriskStandIn.connect(server.port())) {
            ast.start(Call.of("authorize", uid, a.clid, DEST).arg(DEST))
                    .expect("GET VARIABLE IMSI", "200 result=0")
                    .expect("SET VARIABLE BILLING_RESULT AUTHORISED", "200 result=1")
                    .expect("SET VARIABLE BILLING_MAX_SECONDS 600", "200 result=1")
                    .expect("EXEC Dial PJSIP/" + DEST + ",60,L(600000:60000)", "200 result=0");
            assertThat(ast.awaitClosedByServer(5000)).isTrue();
            assertThat(ast.transcript()).isEqualTo("GET VARIABLE IMSI\n"
                    + "SET VARIABLE BILLING_RESULT AUTHORISED\n"
                    + "SET VARIABLE BILLING_MAX_SECONDS 600\n"
                    + "EXEC Dial PJSIP/4981234567,60,L(600000:60000)\n");
        }
        // 100 minor units at 10 a minute: ten minutes, all of it held
        assertThat(fixtures.balance(a.id)).isZero();
        Reservation r = QuarkusTransaction.requiringNew().call(() -> Reservation.byCall(uid).orElseThrow());
        assertThat(r.amountMinor).isEqualTo(100);
        assertThat(r.maxSeconds).isEqualTo(600);
        assertThat(r.state).isEqualTo(ReservationState.OPEN);

        try (AsteriskStandIn ast = AsteriskStandIn.connect(server.port())) {
            ast.start(Call.of("settle", uid, a.clid, "h"))
                    .expect("GET VARIABLE CDR(billsec)", "200 result=1 (61)")
                    .expect("SET VARIABLE BILLING_CHARGED 20", "200 result=1");
            assertThat(ast.awaitClosedByServer(5000)).isTrue();
            assertThat(ast.transcript()).isEqualTo("GET VARIABLE CDR(billsec)\nSET VARIABLE BILLING_CHARGED 20\n");
        }
        assertThat(fixtures.balance(a.id)).isEqualTo(80); // 61 s = two started minutes = 20
        Cdr cdr = QuarkusTransaction.requiringNew().call(() -> Cdr.<Cdr>find("callUniqueId", uid).firstResult());
        assertThat(cdr.billsec).isEqualTo(61);
        assertThat(cdr.billedSeconds).isEqualTo(120);
        assertThat(cdr.amountMinor).isEqualTo(20);
        assertThat(cdr.destination).isEqualTo(DEST);
    }

    @Test
    void authoriseWithTooLittleBalanceRefusesWithAPrompt() throws Exception {
        Account a = fixtures.account(9);
        String uid = "1700000002." + BillingFixtures.unique();
        try (AsteriskStandIn ast = AsteriskStandIn.connect(server.port())) {
            ast.start(Call.of("celcombiller_caller", uid, a.clid, DEST))
                    .expect("GET VARIABLE IMSI", "200 result=0")
                    .expect("SET VARIABLE BILLING_RESULT REFUSED", "200 result=1")
                    .expect("SET VARIABLE BILLING_REASON INSUFFICIENT_BALANCE", "200 result=1")
                    .expect("STREAM FILE billing/insufficient-balance \"\"", "200 result=0 endpos=23840");
            assertThat(ast.awaitClosedByServer(5000)).isTrue();
            assertThat(ast.transcript()).isEqualTo("GET VARIABLE IMSI\n"
                    + "SET VARIABLE BILLING_RESULT REFUSED\n"
                    + "SET VARIABLE BILLING_REASON INSUFFICIENT_BALANCE\n"
                    + "STREAM FILE billing/insufficient-balance \"\"\n");
        }
        assertThat(fixtures.balance(a.id)).isEqualTo(9);
        assertThat(QuarkusTransaction.requiringNew().call(() -> Reservation.byCall(uid))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"5551234&SIP/evil", "5551234,,L(99999999)", "4981234567 ", "498${EXTEN}",
            "49812345678901234567890123456789012345678901234567890123456789012345678901234567890123456789012345678901"
                    + "234567890123456789012345678901234567890123456789012345678901234567890123456789012345678901234567"}) // 200 digits
    void hostileDestinationIsRefusedAndNeverDialled(String destination) throws Exception {
        Account a = fixtures.account(100);
        String uid = "1700000013." + BillingFixtures.unique();
        try (AsteriskStandIn ast = AsteriskStandIn.connect(server.port())) {
            ast.start(Call.of("authorize", uid, a.clid, DEST).arg(destination))
                    .expect("SET VARIABLE BILLING_RESULT REFUSED", "200 result=1")
                    .expect("SET VARIABLE BILLING_REASON INVALID_DESTINATION", "200 result=1")
                    .expect("STREAM FILE billing/invalid-destination \"\"", "200 result=0 endpos=8000");
            assertThat(ast.awaitClosedByServer(5000)).isTrue();
            assertThat(ast.transcript()).isEqualTo("SET VARIABLE BILLING_RESULT REFUSED\n"
                    + "SET VARIABLE BILLING_REASON INVALID_DESTINATION\n"
                    + "STREAM FILE billing/invalid-destination \"\"\n");
        }
        assertThat(fixtures.balance(a.id)).isEqualTo(100);
        assertThat(QuarkusTransaction.requiringNew().call(() -> Reservation.byCall(uid))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"SIP/ok&SIP/evil", "SIP/ok,,L(99999999)", "SIP/${EVIL}", "nothing-like-a-channel"})
    void hostileDialTargetArgumentIsRefusedAndNeverDialled(String target) throws Exception {
        Account a = fixtures.account(100);
        String uid = "1700000014." + BillingFixtures.unique();
        try (AsteriskStandIn ast = AsteriskStandIn.connect(server.port())) {
            ast.start(Call.of("authorize", uid, a.clid, DEST).arg(DEST).arg(target))
                    .expect("SET VARIABLE BILLING_RESULT REFUSED", "200 result=1")
                    .expect("SET VARIABLE BILLING_REASON INVALID_DESTINATION", "200 result=1")
                    .expect("STREAM FILE billing/invalid-destination \"\"", "200 result=0 endpos=8000");
            assertThat(ast.awaitClosedByServer(5000)).isTrue();
            assertThat(ast.transcript()).doesNotContain("EXEC");
        }
        assertThat(fixtures.balance(a.id)).isEqualTo(100);
    }

    @Test
    void aSecondAuthoriseOfOneUniqueIdHoldsNoMoreMoneyAndNeverDialsAgain() throws Exception {
        Account a = fixtures.account(100);
        String uid = "1700000015." + BillingFixtures.unique();
        try (AsteriskStandIn ast = AsteriskStandIn.connect(server.port())) {
            ast.start(Call.of("authorize", uid, a.clid, DEST))
                    .expect("GET VARIABLE IMSI", "200 result=0")
                    .expect("SET VARIABLE BILLING_RESULT AUTHORISED", "200 result=1")
                    .expect("SET VARIABLE BILLING_MAX_SECONDS 600", "200 result=1")
                    .expect("EXEC Dial PJSIP/" + DEST + ",60,L(600000:60000)", "200 result=0");
        }
        // the same channel asks again (a dialplan loop, a retried AGI) while its reservation is live
        expectDuplicate(uid, a);
        assertThat(fixtures.balance(a.id)).isZero(); // 100 held once, not twice
        assertThat(fixtures.queryLong("select count(*) from ledger_entry where call_unique_id = ?", uid)).isEqualTo(1);
        assertThat(fixtures.queryLong("select coalesce(sum(amount_minor), 0) from ledger_entry where account_id = ?", a.id))
                .isEqualTo(fixtures.balance(a.id));

        try (AsteriskStandIn ast = AsteriskStandIn.connect(server.port())) {
            ast.start(Call.of("settle", uid, a.clid, "h"))
                    .expect("GET VARIABLE CDR(billsec)", "200 result=1 (30)")
                    .expect("SET VARIABLE BILLING_CHARGED 10", "200 result=1");
        }
        // and once the call is settled, asking again must not dial a free call either
        expectDuplicate(uid, a);
        assertThat(fixtures.balance(a.id)).isEqualTo(90);
        assertThat(fixtures.queryLong("select coalesce(sum(amount_minor), 0) from ledger_entry where account_id = ?", a.id))
                .isEqualTo(90);
    }

    private void expectDuplicate(String uid, Account a) throws Exception {
        try (AsteriskStandIn ast = AsteriskStandIn.connect(server.port())) {
            ast.start(Call.of("authorize", uid, a.clid, DEST))
                    .expect("GET VARIABLE IMSI", "200 result=0")
                    .expect("SET VARIABLE BILLING_RESULT REFUSED", "200 result=1")
                    .expect("SET VARIABLE BILLING_REASON DUPLICATE_CALL", "200 result=1")
                    .expect("STREAM FILE billing/duplicate-call \"\"", "200 result=0 endpos=8000");
            assertThat(ast.awaitClosedByServer(5000)).isTrue();
            assertThat(ast.transcript()).isEqualTo("GET VARIABLE IMSI\n"
                    + "SET VARIABLE BILLING_RESULT REFUSED\n"
                    + "SET VARIABLE BILLING_REASON DUPLICATE_CALL\n"
                    + "STREAM FILE billing/duplicate-call \"\"\n");
        }
    }

    @Test
    void settleOfACallNeverAuthorisedMovesNoMoneyAndIsCounted() throws Exception {
        Account a = fixtures.account(100);
        long entries = fixtures.queryLong("select count(*) from ledger_entry");
        double before = FastAgiTrustTest.counter("telops_billing_settlements_total{outcome=\"no-reservation\"");
        try (AsteriskStandIn ast = AsteriskStandIn.connect(server.port())) {
            ast.start(Call.of("settle", "1700000016." + BillingFixtures.unique(), a.clid, "h"))
                    .expect("GET VARIABLE CDR(billsec)", "200 result=1 (61)")
                    .expect("SET VARIABLE BILLING_CHARGED 0", "200 result=1");
            assertThat(ast.awaitClosedByServer(5000)).isTrue();
        }
        assertThat(fixtures.balance(a.id)).isEqualTo(100);
        assertThat(fixtures.queryLong("select count(*) from ledger_entry")).isEqualTo(entries);
        assertThat(FastAgiTrustTest.counter("telops_billing_settlements_total{outcome=\"no-reservation\"")).isEqualTo(before + 1);
    }

    @Test
    void unknownCallerIsRefused() throws Exception {
        try (AsteriskStandIn ast = AsteriskStandIn.connect(server.port())) {
            ast.start(Call.of("authorize", "1700000003." + BillingFixtures.unique(), "9990000000001", DEST))
                    .expect("GET VARIABLE IMSI", "200 result=0")
                    .expect("SET VARIABLE BILLING_RESULT REFUSED", "200 result=1")
                    .expect("SET VARIABLE BILLING_REASON UNKNOWN_ACCOUNT", "200 result=1")
                    .expect("STREAM FILE billing/unknown-account \"\"", "200 result=0 endpos=9600");
            assertThat(ast.awaitClosedByServer(5000)).isTrue();
            assertThat(ast.transcript()).isEqualTo("GET VARIABLE IMSI\n"
                    + "SET VARIABLE BILLING_RESULT REFUSED\n"
                    + "SET VARIABLE BILLING_REASON UNKNOWN_ACCOUNT\n"
                    + "STREAM FILE billing/unknown-account \"\"\n");
        }
    }

    @Test
    void callerIdentifiedByImsiOnOpenBts() throws Exception {
        String imsi = "00101" + String.format("%010d", Long.parseLong(BillingFixtures.unique()));
        Account a = fixtures.account(30, Optional.of(imsi));
        String uid = "1700000004." + BillingFixtures.unique();
        try (AsteriskStandIn ast = AsteriskStandIn.connect(server.port())) {
            // OpenBTS sends a caller id that is not the account's CLID; the IMSI identifies the subscriber
            ast.start(Call.of("authorize", uid, "0000", DEST).arg(DEST).arg("SIP/IMSI" + imsi + "@127.0.0.1:5062"))
                    .expect("GET VARIABLE IMSI", "200 result=1 (" + imsi + ")")
                    .expect("SET VARIABLE BILLING_RESULT AUTHORISED", "200 result=1")
                    .expect("SET VARIABLE BILLING_MAX_SECONDS 180", "200 result=1")
                    .expect("EXEC Dial SIP/IMSI" + imsi + "@127.0.0.1:5062,60,L(180000:60000)", "200 result=0");
            assertThat(ast.awaitClosedByServer(5000)).isTrue();
        }
        assertThat(fixtures.balance(a.id)).isZero();
    }

    @Test
    void expiredGroupIsRefused() throws Exception {
        Account a = fixtures.account(500);
        String name = "expired-" + BillingFixtures.unique();
        groups.create(new Groups.GroupSpec(Optional.of(name), Optional.of(1), Optional.of(1), Optional.of(2020),
                Optional.of(3), Optional.empty(), Optional.of(java.util.List.of(a.id))));
        try (AsteriskStandIn ast = AsteriskStandIn.connect(server.port())) {
            ast.start(Call.of("authorize", "1700000005." + BillingFixtures.unique(), a.clid, DEST))
                    .expect("GET VARIABLE IMSI", "200 result=0")
                    .expect("SET VARIABLE BILLING_RESULT REFUSED", "200 result=1")
                    .expect("SET VARIABLE BILLING_REASON GROUP_EXPIRED", "200 result=1")
                    .expect("STREAM FILE billing/plan-expired \"\"", "200 result=0 endpos=8000");
            assertThat(ast.awaitClosedByServer(5000)).isTrue();
            assertThat(ast.transcript()).isEqualTo("GET VARIABLE IMSI\n"
                    + "SET VARIABLE BILLING_RESULT REFUSED\n"
                    + "SET VARIABLE BILLING_REASON GROUP_EXPIRED\n"
                    + "STREAM FILE billing/plan-expired \"\"\n");
        }
        assertThat(fixtures.balance(a.id)).isEqualTo(500);
        // a second, still valid group lets the member call again
        groups.create(new Groups.GroupSpec(Optional.of("valid-" + BillingFixtures.unique()), Optional.of(31),
                Optional.of(12), Optional.of(2999), Optional.of(1), Optional.empty(), Optional.of(java.util.List.of(a.id))));
        try (AsteriskStandIn ast = AsteriskStandIn.connect(server.port())) {
            ast.start(Call.of("authorize", "1700000006." + BillingFixtures.unique(), a.clid, DEST))
                    .expect("GET VARIABLE IMSI", "200 result=0")
                    .expect("SET VARIABLE BILLING_RESULT AUTHORISED", "200 result=1");
        }
    }

    @Test
    void hangupNotificationDuringDialEndsTheSessionAndSettleBillsTheCall() throws Exception {
        Account a = fixtures.account(50);
        String uid = "1700000007." + BillingFixtures.unique();
        try (AsteriskStandIn ast = AsteriskStandIn.connect(server.port())) {
            ast.start(Call.of("authorize", uid, a.clid, DEST))
                    .expect("GET VARIABLE IMSI", "200 result=0")
                    .expect("SET VARIABLE BILLING_RESULT AUTHORISED", "200 result=1")
                    .expect("SET VARIABLE BILLING_MAX_SECONDS 300", "200 result=1")
                    .expect("EXEC Dial PJSIP/" + DEST + ",60,L(300000:60000)");
            // the caller hangs up mid-call: Asterisk notifies, then Dial returns
            ast.hangup().raw("200 result=-1\n");
            assertThat(ast.awaitClosedByServer(5000)).isTrue();
            assertThat(ast.transcript()).isEqualTo("GET VARIABLE IMSI\n"
                    + "SET VARIABLE BILLING_RESULT AUTHORISED\n"
                    + "SET VARIABLE BILLING_MAX_SECONDS 300\n"
                    + "EXEC Dial PJSIP/4981234567,60,L(300000:60000)\n");
        }
        try (AsteriskStandIn ast = AsteriskStandIn.connect(server.port())) {
            ast.start(Call.of("settle", uid, a.clid, "h"))
                    .expect("GET VARIABLE CDR(billsec)", "200 result=1 (5)")
                    .expect("SET VARIABLE BILLING_CHARGED 10", "200 result=1");
            assertThat(ast.awaitClosedByServer(5000)).isTrue();
        }
        assertThat(fixtures.balance(a.id)).isEqualTo(40);
        assertThat(metrics()).contains("telops_agi_hangups_total");
    }

    @Test
    void abruptDisconnectMidDialKeepsTheReservationForSettleOrExpiry() throws Exception {
        Account a = fixtures.account(20);
        String uid = "1700000008." + BillingFixtures.unique();
        AsteriskStandIn ast = AsteriskStandIn.connect(server.port());
        ast.start(Call.of("authorize", uid, a.clid, DEST))
                .expect("GET VARIABLE IMSI", "200 result=0")
                .expect("SET VARIABLE BILLING_RESULT AUTHORISED", "200 result=1")
                .expect("SET VARIABLE BILLING_MAX_SECONDS 120", "200 result=1")
                .expect("EXEC Dial PJSIP/" + DEST + ",60,L(120000:60000)");
        ast.disconnect();
        Reservation r = QuarkusTransaction.requiringNew().call(() -> Reservation.byCall(uid).orElseThrow());
        assertThat(r.state).isEqualTo(ReservationState.OPEN);
        // held until settle or until limit + ring timeout + grace
        assertThat(r.expiresAt).isAfter(r.createdAt.plusSeconds(120 + 60));
        waitUntil(() -> metrics().contains("reason=\"peer-disconnected\""));
        waitUntil(() -> server.activeSessions() == 0);
    }

    @Test
    void unknownScriptPathIsClosedWithoutAWord() throws Exception {
        try (AsteriskStandIn ast = AsteriskStandIn.connect(server.port())) {
            ast.start(Call.of("transfer-all-money", "1700000009.1", "5550001", DEST));
            assertThat(ast.awaitClosedByServer(5000)).isTrue();
            assertThat(ast.transcript()).isEmpty();
        }
        assertThat(metrics()).contains("reason=\"unknown-script\"");
    }

    @Test
    void malformedHeaderIsClosedWithoutAWord() throws Exception {
        try (AsteriskStandIn ast = AsteriskStandIn.connect(server.port())) {
            ast.raw("GET / HTTP/1.1\r\nHost: billing\r\n\r\n");
            assertThat(ast.awaitClosedByServer(5000)).isTrue();
            assertThat(ast.transcript()).isEmpty();
        }
        try (AsteriskStandIn ast = AsteriskStandIn.connect(server.port())) {
            ast.raw("agi_network: yes\n" + "agi_x: " + "y".repeat(10_000) + "\n");
            assertThat(ast.awaitClosedByServer(5000)).isTrue();
            assertThat(ast.transcript()).isEmpty();
        }
        assertThat(metrics()).contains("reason=\"malformed-header\"").contains("reason=\"line-too-long\"");
    }

    @Test
    void silentAndSlowPeersAreTimedOut() throws Exception {
        try (AsteriskStandIn ast = AsteriskStandIn.connect(server.port())) {
            ast.raw("agi_network: yes\n"); // and then nothing
            assertThat(ast.awaitClosedByServer(5000)).isTrue();
        }
        Account a = fixtures.account(10);
        try (AsteriskStandIn ast = AsteriskStandIn.connect(server.port())) {
            ast.start(Call.of("authorize", "1700000010." + BillingFixtures.unique(), a.clid, DEST))
                    .expect("GET VARIABLE IMSI"); // never answered
            assertThat(ast.awaitClosedByServer(6000)).isTrue();
            assertThat(ast.transcript()).isEqualTo("GET VARIABLE IMSI\n");
        }
        assertThat(metrics()).contains("reason=\"header-timeout\"").contains("reason=\"reply-timeout\"");
        assertThat(fixtures.balance(a.id)).isEqualTo(10);
    }

    @Test
    void unsolicitedLinesAnd510RepliesAreHandled() throws Exception {
        Account a = fixtures.account(10);
        try (AsteriskStandIn ast = AsteriskStandIn.connect(server.port())) {
            // an Asterisk without the IMSI variable support answers 510: the CLID identifies the caller
            ast.start(Call.of("authorize", "1700000011." + BillingFixtures.unique(), a.clid, DEST))
                    .expect("GET VARIABLE IMSI", "510 Invalid or unknown command")
                    .expect("SET VARIABLE BILLING_RESULT AUTHORISED", "520-Invalid command syntax.  Proper usage follows:\n"
                            + " Usage: SET VARIABLE <variablename> <value>\n520 End of proper usage.")
                    .expect("SET VARIABLE BILLING_MAX_SECONDS 60", "200 result=1")
                    .expect("EXEC Dial PJSIP/" + DEST + ",60,L(60000)", "200 result=0");
            assertThat(ast.awaitClosedByServer(5000)).isTrue();
        }
        try (AsteriskStandIn ast = AsteriskStandIn.connect(server.port())) {
            ast.start(Call.of("settle", "1700000012.1", "5550001", "h"))
                    .expect("GET VARIABLE CDR(billsec)", "200 result=1 (3)\n200 result=1 (surplus)");
            assertThat(ast.awaitClosedByServer(5000)).isTrue();
        }
        assertThat(metrics()).contains("reason=\"unsolicited-line\"");
    }

    static String metrics() {
        return given().when().get("/q/metrics").then().statusCode(200).extract().asString();
    }

    static void waitUntil(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 10_000;
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("condition not met within 10 s");
            }
            Thread.sleep(50);
        }
    }
}
