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
                    .expect(AsteriskStandIn.SETTLE_READ, AsteriskStandIn.settleReply(61))
                    .expect("SET VARIABLE BILLING_CHARGED 20", "200 result=1");
            assertThat(ast.awaitClosedByServer(5000)).isTrue();
            assertThat(ast.transcript()).isEqualTo(AsteriskStandIn.SETTLE_READ + "\nSET VARIABLE BILLING_CHARGED 20\n");
        }
        assertThat(fixtures.balance(a.id)).isEqualTo(80); // 61 s = two started minutes = 20
        Cdr cdr = QuarkusTransaction.requiringNew().call(() -> Cdr.<Cdr>find("callUniqueId", uid).firstResult());
        assertThat(cdr.billsec).isEqualTo(61);
        assertThat(cdr.billedSeconds).isEqualTo(120);
        assertThat(cdr.amountMinor).isEqualTo(20);
        assertThat(cdr.destination).isEqualTo(DEST);
    }

    @Test
    void settleKeepsWhatOperatorsReconcileWithOnTheCdrItsApiAndItsCsv() throws Exception {
        Account a = fixtures.account(100);
        String uid = "1700000020." + BillingFixtures.unique();
        authoriseFor600(uid, a);
        String peer = "IMSI001010000000002@127.0.0.1:5062"; // holds the ':' of the length prefix, on purpose
        try (AsteriskStandIn ast = AsteriskStandIn.connect(server.port())) {
            ast.start(Call.of("settle", uid, a.clid, "h"))
                    .expect(AsteriskStandIn.SETTLE_READ, "200 result=1 (2:612:756:ANSWER2:16" + peer.length() + ":" + peer
                            + "15:00101000000000115:001010000000002)")
                    .expect("SET VARIABLE BILLING_CHARGED 20", "200 result=1");
            assertThat(ast.awaitClosedByServer(5000)).isTrue();
            assertThat(ast.transcript()).isEqualTo(AsteriskStandIn.SETTLE_READ + "\nSET VARIABLE BILLING_CHARGED 20\n");
        }
        assertThat(fixtures.balance(a.id)).isEqualTo(80);
        given().auth().preemptive().basic("viewer", "secret").queryParam("uniqueid", uid).get("/api/cdrs").then()
                .statusCode(200).body("size()", org.hamcrest.Matchers.is(1))
                .body("[0].billsec", org.hamcrest.Matchers.is(61)).body("[0].duration", org.hamcrest.Matchers.is(75))
                .body("[0].dialStatus", org.hamcrest.Matchers.is("ANSWER")).body("[0].hangupCause", org.hamcrest.Matchers.is(16))
                .body("[0].dialledPeer", org.hamcrest.Matchers.is(peer))
                .body("[0].callerImsi", org.hamcrest.Matchers.is("001010000000001"))
                .body("[0].calleeImsi", org.hamcrest.Matchers.is("001010000000002"))
                .body("[0].tariffPrefix", org.hamcrest.Matchers.is("498"))
                .body("[0].ratePerMinuteMinor", org.hamcrest.Matchers.is(10)).body("[0].initialIncrement", org.hamcrest.Matchers.is(60))
                .body("[0].subsequentIncrement", org.hamcrest.Matchers.is(60)).body("[0].connectionFeeMinor", org.hamcrest.Matchers.is(0));
        java.util.List<String> csv = csv(uid);
        assertThat(csv.get(0)).endsWith(",settled_at,duration,dial_status,hangup_cause,dialled_peer,caller_imsi,callee_imsi,"
                + "rate_per_minute_minor,initial_increment,subsequent_increment,connection_fee_minor");
        assertThat(csv.get(1)).contains("," + uid + "," + a.id + "," + a.clid + "," + DEST + ",")
                .endsWith(",75,ANSWER,16," + peer + ",001010000000001,001010000000002,10,60,60,0");
    }

    @Test
    void settleStoresAMissingOrMalformedValueAsAbsentNotAsGarbage() throws Exception {
        Account a = fixtures.account(100);
        String uid = "1700000021." + BillingFixtures.unique();
        authoriseFor600(uid, a);
        try (AsteriskStandIn ast = AsteriskStandIn.connect(server.port())) {
            // duration and DIALSTATUS empty, HANGUPCAUSE not a number, no B-party, a caller IMSI with a letter in it,
            // and a callee IMSI whose length runs past the end of the reply
            ast.start(Call.of("settle", uid, a.clid, "h"))
                    .expect(AsteriskStandIn.SETTLE_READ, "200 result=1 (2:610:0:3:abc0:5:12a4599:001)")
                    .expect("SET VARIABLE BILLING_CHARGED 20", "200 result=1");
            assertThat(ast.awaitClosedByServer(5000)).isTrue();
        }
        assertThat(fixtures.queryLong("select count(*) from cdr where call_unique_id = ? and billsec = 61 and duration is null"
                + " and dial_status is null and hangup_cause is null and dialled_peer is null and caller_imsi is null"
                + " and callee_imsi is null", uid)).isEqualTo(1);
        given().auth().preemptive().basic("viewer", "secret").queryParam("uniqueid", uid).get("/api/cdrs").then()
                .statusCode(200).body("[0].billsec", org.hamcrest.Matchers.is(61))
                .body("[0].duration", org.hamcrest.Matchers.nullValue()).body("[0].dialStatus", org.hamcrest.Matchers.nullValue())
                .body("[0].hangupCause", org.hamcrest.Matchers.nullValue()).body("[0].dialledPeer", org.hamcrest.Matchers.nullValue())
                .body("[0].callerImsi", org.hamcrest.Matchers.nullValue()).body("[0].calleeImsi", org.hamcrest.Matchers.nullValue());
        assertThat(csv(uid).get(1)).endsWith(",,,,,,,10,60,60,0");
    }

    private void authoriseFor600(String uid, Account a) throws Exception {
        try (AsteriskStandIn ast = AsteriskStandIn.connect(server.port())) {
            ast.start(Call.of("authorize", uid, a.clid, DEST).arg(DEST))
                    .expect("GET VARIABLE IMSI", "200 result=0")
                    .expect("SET VARIABLE BILLING_RESULT AUTHORISED", "200 result=1")
                    .expect("SET VARIABLE BILLING_MAX_SECONDS 600", "200 result=1")
                    .expect("EXEC Dial PJSIP/" + DEST + ",60,L(600000:60000)", "200 result=0");
            assertThat(ast.awaitClosedByServer(5000)).isTrue();
        }
    }

    private static java.util.List<String> csv(String uid) {
        return given().auth().preemptive().basic("viewer", "secret").accept("text/csv").queryParam("uniqueid", uid)
                .get("/api/cdrs").then().statusCode(200).extract().asString().lines().toList();
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

    @Test
    void aCallerUnderTheLowBalanceThresholdHearsTheWarningBeforeDialAndALimitRefusalHasItsOwnPrompt() throws Exception {
        Account a = fixtures.account(100);
        fixtures.sql("update account set low_balance_minor = 200 where id = ?", a.id); // 100 is under it
        String uid = "1700000030." + BillingFixtures.unique();
        try (AsteriskStandIn ast = AsteriskStandIn.connect(server.port())) {
            ast.start(Call.of("authorize", uid, a.clid, DEST).arg(DEST))
                    .expect("GET VARIABLE IMSI", "200 result=0")
                    .expect("SET VARIABLE BILLING_RESULT AUTHORISED", "200 result=1")
                    .expect("SET VARIABLE BILLING_MAX_SECONDS 600", "200 result=1")
                    .expect("STREAM FILE billing/low-balance \"\"", "200 result=0 endpos=16000")
                    .expect("EXEC Dial PJSIP/" + DEST + ",60,L(600000:60000)", "200 result=0");
            assertThat(ast.awaitClosedByServer(5000)).isTrue();
            assertThat(ast.transcript()).isEqualTo("GET VARIABLE IMSI\n"
                    + "SET VARIABLE BILLING_RESULT AUTHORISED\n"
                    + "SET VARIABLE BILLING_MAX_SECONDS 600\n"
                    + "STREAM FILE billing/low-balance \"\"\n"
                    + "EXEC Dial PJSIP/4981234567,60,L(600000:60000)\n");
        }
        Account b = fixtures.account(100);
        fixtures.sql("update account set max_concurrent_calls = 0 where id = ?", b.id);
        try (AsteriskStandIn ast = AsteriskStandIn.connect(server.port())) {
            ast.start(Call.of("authorize", "1700000031." + BillingFixtures.unique(), b.clid, DEST).arg(DEST))
                    .expect("GET VARIABLE IMSI", "200 result=0")
                    .expect("SET VARIABLE BILLING_RESULT REFUSED", "200 result=1")
                    .expect("SET VARIABLE BILLING_REASON CONCURRENT_CALLS_LIMIT", "200 result=1")
                    .expect("STREAM FILE billing/too-many-calls \"\"", "200 result=0 endpos=8000");
            assertThat(ast.awaitClosedByServer(5000)).isTrue();
            assertThat(ast.transcript()).isEqualTo("GET VARIABLE IMSI\n"
                    + "SET VARIABLE BILLING_RESULT REFUSED\n"
                    + "SET VARIABLE BILLING_REASON CONCURRENT_CALLS_LIMIT\n"
                    + "STREAM FILE billing/too-many-calls \"\"\n");
        }
        assertThat(fixtures.balance(b.id)).isEqualTo(100);
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
                    .expect(AsteriskStandIn.SETTLE_READ, AsteriskStandIn.settleReply(30))
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
                    .expect(AsteriskStandIn.SETTLE_READ, AsteriskStandIn.settleReply(61))
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
                    .expect(AsteriskStandIn.SETTLE_READ, AsteriskStandIn.settleReply(5))
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
                    .expect(AsteriskStandIn.SETTLE_READ, AsteriskStandIn.settleReply(3) + "\n200 result=1 (surplus)");
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
