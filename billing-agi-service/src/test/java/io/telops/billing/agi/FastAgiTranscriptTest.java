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
import io.telops.billing.agi.AsteriskStandIn.Script;
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
    private static final String SET = "200 result=1";
    /** Asterisk has no IMSI for the channel, so the caller id identifies the caller. */
    private static final Script NO_IMSI = Script.expect("GET VARIABLE IMSI", "200 result=0");

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

    private static Call authorise(String uid, Account a) {
        return Call.of("authorize", uid, a.clid, DEST);
    }

    private static Call settle(String uid, Account a) {
        return Call.of("settle", uid, a.clid, "h");
    }

    /** The verdict AUTHORISED with its limit in seconds. */
    private static Script authorised(int maxSeconds) {
        return Script.expect("SET VARIABLE BILLING_RESULT AUTHORISED", SET).then("SET VARIABLE BILLING_MAX_SECONDS " + maxSeconds, SET);
    }

    /** Dial of {@code target} that ends the call at the limit and warns a minute before it. */
    private static Script dial(String target, int maxSeconds) {
        return Script.expect("EXEC Dial " + target + ",60,L(" + maxSeconds * 1000 + ":60000)", "200 result=0");
    }

    private static Script authorisedAndDialled(int maxSeconds) {
        return authorised(maxSeconds).then(dial("PJSIP/" + DEST, maxSeconds));
    }

    /** The verdict REFUSED with its reason, and the reason's prompt played to the caller. */
    private static Script refused(String reason, String prompt, int endpos) {
        return Script.expect("SET VARIABLE BILLING_RESULT REFUSED", SET).then("SET VARIABLE BILLING_REASON " + reason, SET)
                .then("STREAM FILE billing/" + prompt + " \"\"", "200 result=0 endpos=" + endpos);
    }

    @Test
    void authoriseWithEnoughBalanceReservesAndDialsWithALimit() throws Exception {
        Account a = fixtures.account(100);
        String uid = "1700000001." + BillingFixtures.unique();
        authoriseFor600(uid, a);
        // 100 minor units at 10 a minute: ten minutes, all of it held
        assertThat(fixtures.balance(a.id)).isZero();
        Reservation r = QuarkusTransaction.requiringNew().call(() -> Reservation.byCall(uid).orElseThrow());
        assertThat(r.amountMinor).isEqualTo(100);
        assertThat(r.maxSeconds).isEqualTo(600);
        assertThat(r.state).isEqualTo(ReservationState.OPEN);

        AsteriskStandIn.session(server.port(), settle(uid, a), AsteriskStandIn.settled(61, 20));
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
        AsteriskStandIn.session(server.port(), settle(uid, a), Script.expect(AsteriskStandIn.SETTLE_READ,
                "200 result=1 (2:612:756:ANSWER2:16" + peer.length() + ":" + peer + "15:00101000000000115:001010000000002)")
                .then("SET VARIABLE BILLING_CHARGED 20", SET));
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
        // duration and DIALSTATUS empty, HANGUPCAUSE not a number, no B-party, a caller IMSI with a letter in it,
        // and a callee IMSI whose length runs past the end of the reply
        AsteriskStandIn.session(server.port(), settle(uid, a),
                Script.expect(AsteriskStandIn.SETTLE_READ, "200 result=1 (2:610:0:3:abc0:5:12a4599:001)")
                        .then("SET VARIABLE BILLING_CHARGED 20", SET));
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

    /** 100 minor units at 10 a minute: ten minutes, dialled with that limit. */
    private void authoriseFor600(String uid, Account a) throws Exception {
        AsteriskStandIn.session(server.port(), authorise(uid, a).arg(DEST), NO_IMSI.then(authorisedAndDialled(600)));
    }

    private static java.util.List<String> csv(String uid) {
        return given().auth().preemptive().basic("viewer", "secret").accept("text/csv").queryParam("uniqueid", uid)
                .get("/api/cdrs").then().statusCode(200).extract().asString().lines().toList();
    }

    @Test
    void authoriseWithTooLittleBalanceRefusesWithAPrompt() throws Exception {
        Account a = fixtures.account(9);
        String uid = "1700000002." + BillingFixtures.unique();
        AsteriskStandIn.session(server.port(), Call.of("celcombiller_caller", uid, a.clid, DEST),
                NO_IMSI.then(refused("INSUFFICIENT_BALANCE", "insufficient-balance", 23840)));
        assertThat(fixtures.balance(a.id)).isEqualTo(9);
        assertThat(QuarkusTransaction.requiringNew().call(() -> Reservation.byCall(uid))).isEmpty();
    }

    @Test
    void aCallerUnderTheLowBalanceThresholdHearsTheWarningBeforeDialAndALimitRefusalHasItsOwnPrompt() throws Exception {
        Account a = fixtures.account(100);
        fixtures.sql("update account set low_balance_minor = 200 where id = ?", a.id); // 100 is under it
        String uid = "1700000030." + BillingFixtures.unique();
        AsteriskStandIn.session(server.port(), authorise(uid, a).arg(DEST), NO_IMSI.then(authorised(600))
                .then("STREAM FILE billing/low-balance \"\"", "200 result=0 endpos=16000").then(dial("PJSIP/" + DEST, 600)));
        Account b = fixtures.account(100);
        fixtures.sql("update account set max_concurrent_calls = 0 where id = ?", b.id);
        AsteriskStandIn.session(server.port(), authorise("1700000031." + BillingFixtures.unique(), b).arg(DEST),
                NO_IMSI.then(refused("CONCURRENT_CALLS_LIMIT", "too-many-calls", 8000)));
        assertThat(fixtures.balance(b.id)).isEqualTo(100);
    }

    @ParameterizedTest
    @ValueSource(strings = {"5551234&SIP/evil", "5551234,,L(99999999)", "4981234567 ", "498${EXTEN}",
            "49812345678901234567890123456789012345678901234567890123456789012345678901234567890123456789012345678901"
                    + "234567890123456789012345678901234567890123456789012345678901234567890123456789012345678901234567"}) // 200 digits
    void hostileDestinationIsRefusedAndNeverDialled(String destination) throws Exception {
        Account a = fixtures.account(100);
        String uid = "1700000013." + BillingFixtures.unique();
        AsteriskStandIn.session(server.port(), authorise(uid, a).arg(destination),
                refused("INVALID_DESTINATION", "invalid-destination", 8000));
        assertThat(fixtures.balance(a.id)).isEqualTo(100);
        assertThat(QuarkusTransaction.requiringNew().call(() -> Reservation.byCall(uid))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"SIP/ok&SIP/evil", "SIP/ok,,L(99999999)", "SIP/${EVIL}", "nothing-like-a-channel"})
    void hostileDialTargetArgumentIsRefusedAndNeverDialled(String target) throws Exception {
        Account a = fixtures.account(100);
        String uid = "1700000014." + BillingFixtures.unique();
        // byte-exact, so no EXEC either
        AsteriskStandIn.session(server.port(), authorise(uid, a).arg(DEST).arg(target),
                refused("INVALID_DESTINATION", "invalid-destination", 8000));
        assertThat(fixtures.balance(a.id)).isEqualTo(100);
    }

    @Test
    void aSecondAuthoriseOfOneUniqueIdHoldsNoMoreMoneyAndNeverDialsAgain() throws Exception {
        Account a = fixtures.account(100);
        String uid = "1700000015." + BillingFixtures.unique();
        AsteriskStandIn.session(server.port(), authorise(uid, a), NO_IMSI.then(authorisedAndDialled(600)));
        // the same channel asks again (a dialplan loop, a retried AGI) while its reservation is live
        expectDuplicate(uid, a);
        assertThat(fixtures.balance(a.id)).isZero(); // 100 held once, not twice
        assertThat(fixtures.queryLong("select count(*) from ledger_entry where call_unique_id = ?", uid)).isEqualTo(1);
        assertThat(fixtures.queryLong("select coalesce(sum(amount_minor), 0) from ledger_entry where account_id = ?", a.id))
                .isEqualTo(fixtures.balance(a.id));

        AsteriskStandIn.session(server.port(), settle(uid, a), AsteriskStandIn.settled(30, 10));
        // and once the call is settled, asking again must not dial a free call either
        expectDuplicate(uid, a);
        assertThat(fixtures.balance(a.id)).isEqualTo(90);
        assertThat(fixtures.queryLong("select coalesce(sum(amount_minor), 0) from ledger_entry where account_id = ?", a.id))
                .isEqualTo(90);
    }

    private void expectDuplicate(String uid, Account a) throws Exception {
        AsteriskStandIn.session(server.port(), authorise(uid, a), NO_IMSI.then(refused("DUPLICATE_CALL", "duplicate-call", 8000)));
    }

    @Test
    void settleOfACallNeverAuthorisedMovesNoMoneyAndIsCounted() throws Exception {
        Account a = fixtures.account(100);
        long entries = fixtures.queryLong("select count(*) from ledger_entry");
        double before = FastAgiTrustTest.counter("telops_billing_settlements_total{outcome=\"no-reservation\"");
        AsteriskStandIn.session(server.port(), settle("1700000016." + BillingFixtures.unique(), a), AsteriskStandIn.settled(61, 0));
        assertThat(fixtures.balance(a.id)).isEqualTo(100);
        assertThat(fixtures.queryLong("select count(*) from ledger_entry")).isEqualTo(entries);
        assertThat(FastAgiTrustTest.counter("telops_billing_settlements_total{outcome=\"no-reservation\"")).isEqualTo(before + 1);
    }

    @Test
    void unknownCallerIsRefused() throws Exception {
        AsteriskStandIn.session(server.port(), Call.of("authorize", "1700000003." + BillingFixtures.unique(), "9990000000001", DEST),
                NO_IMSI.then(refused("UNKNOWN_ACCOUNT", "unknown-account", 9600)));
    }

    @Test
    void callerIdentifiedByImsiOnOpenBts() throws Exception {
        String imsi = "00101" + String.format("%010d", Long.parseLong(BillingFixtures.unique()));
        Account a = fixtures.account(30, Optional.of(imsi));
        String uid = "1700000004." + BillingFixtures.unique();
        // OpenBTS sends a caller id that is not the account's CLID; the IMSI identifies the subscriber
        AsteriskStandIn.session(server.port(), Call.of("authorize", uid, "0000", DEST).arg(DEST).arg("SIP/IMSI" + imsi + "@127.0.0.1:5062"),
                Script.expect("GET VARIABLE IMSI", "200 result=1 (" + imsi + ")").then(authorised(180))
                        .then(dial("SIP/IMSI" + imsi + "@127.0.0.1:5062", 180)));
        assertThat(fixtures.balance(a.id)).isZero();
    }

    @Test
    void expiredGroupIsRefused() throws Exception {
        Account a = fixtures.account(500);
        String name = "expired-" + BillingFixtures.unique();
        groups.create(new Groups.GroupSpec(Optional.of(name), Optional.of(1), Optional.of(1), Optional.of(2020),
                Optional.of(3), Optional.empty(), Optional.of(java.util.List.of(a.id))));
        AsteriskStandIn.session(server.port(), authorise("1700000005." + BillingFixtures.unique(), a),
                NO_IMSI.then(refused("GROUP_EXPIRED", "plan-expired", 8000)));
        assertThat(fixtures.balance(a.id)).isEqualTo(500);
        // a second, still valid group lets the member call again
        groups.create(new Groups.GroupSpec(Optional.of("valid-" + BillingFixtures.unique()), Optional.of(31),
                Optional.of(12), Optional.of(2999), Optional.of(1), Optional.empty(), Optional.of(java.util.List.of(a.id))));
        try (AsteriskStandIn ast = AsteriskStandIn.connect(server.port())) {
            ast.start(authorise("1700000006." + BillingFixtures.unique(), a)).play(NO_IMSI)
                    .expect("SET VARIABLE BILLING_RESULT AUTHORISED", SET);
        }
    }

    @Test
    void hangupNotificationDuringDialEndsTheSessionAndSettleBillsTheCall() throws Exception {
        Account a = fixtures.account(50);
        String uid = "1700000007." + BillingFixtures.unique();
        try (AsteriskStandIn ast = AsteriskStandIn.connect(server.port())) {
            ast.start(authorise(uid, a)).play(NO_IMSI.then(authorised(300))).expect("EXEC Dial PJSIP/" + DEST + ",60,L(300000:60000)");
            // the caller hangs up mid-call: Asterisk notifies, then Dial returns
            ast.hangup().raw("200 result=-1\n");
            assertThat(ast.awaitClosedByServer(5000)).isTrue();
            assertThat(ast.transcript()).isEqualTo("GET VARIABLE IMSI\n"
                    + "SET VARIABLE BILLING_RESULT AUTHORISED\n"
                    + "SET VARIABLE BILLING_MAX_SECONDS 300\n"
                    + "EXEC Dial PJSIP/4981234567,60,L(300000:60000)\n");
        }
        AsteriskStandIn.session(server.port(), settle(uid, a), AsteriskStandIn.settled(5, 10));
        assertThat(fixtures.balance(a.id)).isEqualTo(40);
        assertThat(metrics()).contains("telops_agi_hangups_total");
    }

    @Test
    void abruptDisconnectMidDialKeepsTheReservationForSettleOrExpiry() throws Exception {
        Account a = fixtures.account(20);
        String uid = "1700000008." + BillingFixtures.unique();
        AsteriskStandIn ast = AsteriskStandIn.connect(server.port());
        ast.start(authorise(uid, a)).play(NO_IMSI.then(authorised(120))).expect("EXEC Dial PJSIP/" + DEST + ",60,L(120000:60000)");
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
