package io.telops.billing.card;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.telops.billing.BillingFixtures;
import io.telops.billing.agi.AsteriskStandIn;
import io.telops.billing.agi.AsteriskStandIn.Call;
import io.telops.billing.agi.AsteriskStandIn.Script;
import io.telops.billing.agi.FastAgiServer;
import io.telops.billing.ledger.Account;
import io.telops.billing.ledger.Cdr;
import io.telops.billing.ledger.Reservation;
import io.telops.billing.rating.RateCsv;
import io.telops.billing.voucher.VoucherBatch;
import io.telops.billing.voucher.Vouchers;
import io.telops.testkit.KafkaTestResource;
import io.telops.testkit.PostgresTestResource;

/**
 * Byte-exact sessions of the calling-card IVR ({@code /card}) and {@code /balance} against the real FastAGI server,
 * PostgreSQL and Kafka, with the stand-in playing Asterisk.
 */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "billing"))
class CardIvrTranscriptTest {
    private static final String DEST = "4981234567";
    /** A payphone's number: not an account, so only the card pays. */
    private static final String PAYPHONE = "5550100";
    private static final String OK = "200 result=0";
    private static final String PLAYED = "200 result=0 endpos=8000";
    private static final String SET = "200 result=1";
    /** 1234 minor USD said as Asterisk says money: "you have 12 dollars and 34 cents". */
    private static final Script SAYS_12_34 = Script.expect("STREAM FILE vm-youhave \"\"", PLAYED).then("SAY NUMBER 12 \"\"", OK)
            .then("STREAM FILE dollars \"\"", PLAYED).then("STREAM FILE and \"\"", PLAYED)
            .then("SAY NUMBER 34 \"\"", OK).then("STREAM FILE cents \"\"", PLAYED);
    /** Authorised for the 60 minutes max-call-seconds allows, said to the caller, then dialled with that limit. */
    private static final Script DIALLED_FOR_AN_HOUR = Script.expect("SET VARIABLE BILLING_RESULT AUTHORISED", SET)
            .then("SET VARIABLE BILLING_MAX_SECONDS 3600", SET)
            .then("STREAM FILE vm-youhave \"\"", PLAYED).then("SAY NUMBER 60 \"\"", OK).then("STREAM FILE minutes \"\"", PLAYED)
            .then("EXEC Dial PJSIP/" + DEST + ",60,L(3600000:60000)", OK);

    @Inject
    FastAgiServer server;
    @Inject
    BillingFixtures fixtures;
    @Inject
    CallingCards cards;
    @Inject
    Vouchers vouchers;

    @BeforeEach
    void tariff() {
        fixtures.tariff("498", 10, 60, 60, 0); // 10 minor units a started minute
    }

    private static String uid() {
        return "1700000100." + BillingFixtures.unique();
    }

    /** Answered, the card's PIN keyed, and its balance of 12.34 said. */
    private static Script pinAndBalance(IssuedCard card) {
        return Script.expect("ANSWER", OK).then("GET DATA agent-pass 8000 10", "200 result=" + card.pin()).then(SAYS_12_34);
    }

    /** {@link #pinAndBalance}, then Asterisk's {@code menuReply} to the menu and {@code numberReply} to the number prompt. */
    private static Script upToTheNumber(IssuedCard card, String menuReply, String numberReply) {
        return pinAndBalance(card).then("GET DATA billing/card-menu 5000 1", menuReply)
                .then("GET DATA vm-enter-num-to-call 8000 24", numberReply);
    }

    @Test
    void rightPinSaysTheBalanceAndTheMinutesThenDialsWithTheLimitAndSettles() throws Exception {
        Account a = fixtures.account(1234);
        IssuedCard card = cards.issue(a.username);
        String uid = uid();
        AsteriskStandIn.session(server.port(), Call.of("card", uid, PAYPHONE, "s"),
                upToTheNumber(card, "200 result=1", "200 result=" + DEST).then(DIALLED_FOR_AN_HOUR)
                        .then(AsteriskStandIn.settled(61, 20)));
        // 1234 would buy 123 minutes at 10 a minute; max-call-seconds caps it at 60 (600 held). 61 s: two minutes, 20
        assertThat(fixtures.balance(a.id)).isEqualTo(1214);
        Cdr cdr = QuarkusTransaction.requiringNew().call(() -> Cdr.<Cdr>find("callUniqueId", uid).firstResult());
        assertThat(cdr.accountId).isEqualTo(a.id);
        assertThat(cdr.amountMinor).isEqualTo(20);
        // the h extension's settle afterwards changes nothing
        AsteriskStandIn.session(server.port(), Call.of("settle", uid, PAYPHONE, "h"), AsteriskStandIn.settled(61, 20));
        assertThat(fixtures.balance(a.id)).isEqualTo(1214);
    }

    @Test
    void wrongPinThreeTimesHearsGoodbyeAndIsHungUp() throws Exception {
        Account a = fixtures.account(1234);
        IssuedCard card = cards.issue(a.username);
        String wrong = card.pin().charAt(0) == '9' ? "1" + card.pin().substring(1) : "9" + card.pin().substring(1);
        String uid = uid();
        try (AsteriskStandIn ast = AsteriskStandIn.connect(server.port())) {
            // a wrong PIN of the right length, one too short, and nothing before the timeout
            ast.start(Call.of("card", uid, PAYPHONE, "s")).expect("ANSWER", OK)
                    .expect("GET DATA agent-pass 8000 10", "200 result=" + wrong)
                    .expect("STREAM FILE auth-incorrect \"\"", PLAYED)
                    .expect("GET DATA agent-pass 8000 10", "200 result=123 (timeout)")
                    .expect("STREAM FILE auth-incorrect \"\"", PLAYED)
                    .expect("GET DATA agent-pass 8000 10", "200 result= (timeout)")
                    .expect("STREAM FILE auth-incorrect \"\"", PLAYED)
                    .expect("STREAM FILE vm-goodbye \"\"", PLAYED)
                    .expect("HANGUP", "200 result=1");
            assertThat(ast.awaitClosedByServer(5000)).isTrue();
            assertThat(ast.transcript()).isEqualTo("ANSWER\n"
                    + "GET DATA agent-pass 8000 10\nSTREAM FILE auth-incorrect \"\"\n".repeat(3)
                    + "STREAM FILE vm-goodbye \"\"\nHANGUP\n");
        }
        assertThat(fixtures.balance(a.id)).isEqualTo(1234);
        assertThat(QuarkusTransaction.requiringNew().call(() -> Reservation.byCall(uid))).isEmpty();
    }

    @Test
    void destinationWithoutARateIsRefusedWithItsPromptAndGoodbye() throws Exception {
        Account a = fixtures.account(1234);
        assertRefusedAfterTheDestination(a, "200 result= (timeout)", "200 result=8812345678", "NO_TARIFF",
                "billing/destination-not-allowed");
    }

    @Test
    void destinationWhoseRateNeedsAPermissionTheCardLacksIsRefusedWithItsPrompt() throws Exception {
        String plan = "card-perm-" + BillingFixtures.unique();
        String prefix = "97" + BillingFixtures.unique();
        given().auth().preemptive().basic("admin", "secret").contentType("application/json")
                .body(Map.of("name", plan, "currency", "USD")).post("/api/plans").then().statusCode(201);
        given().auth().preemptive().basic("admin", "secret").contentType("text/csv")
                .body(String.join(",", RateCsv.COLUMNS) + "\n" + prefix + ",,600,1,1,0,0,PREMIUM,premium\n")
                .put("/api/plans/" + plan + "/rates").then().statusCode(200);
        Account a = fixtures.account(1234);
        given().auth().preemptive().basic("admin", "secret").contentType("application/json")
                .body(Map.of("plan", plan)).put("/api/users/" + a.username + "/plan").then().statusCode(200);
        String uid = assertRefusedAfterTheDestination(a, "200 result=1", "200 result=" + prefix + "55", "DESTINATION_NOT_PERMITTED",
                "billing/destination-needs-permission");
        assertThat(QuarkusTransaction.requiringNew().call(() -> Reservation.byCall(uid))).isEmpty();
    }

    /**
     * A card call up to the destination (right PIN, balance 12.34 said, Asterisk's {@code menuReply} to the menu and
     * {@code numberReply} to the number prompt), refused with {@code reason} and {@code prompt}, byte-exact, with nothing
     * taken from the balance; returns the call's uniqueid.
     */
    private String assertRefusedAfterTheDestination(Account a, String menuReply, String numberReply, String reason,
                                                    String prompt) throws Exception {
        IssuedCard card = cards.issue(a.username);
        String uid = uid();
        AsteriskStandIn.session(server.port(), Call.of("card", uid, PAYPHONE, "s"), upToTheNumber(card, menuReply, numberReply)
                .then("SET VARIABLE BILLING_RESULT REFUSED", SET).then("SET VARIABLE BILLING_REASON " + reason, SET)
                .then("STREAM FILE " + prompt + " \"\"", PLAYED).then("STREAM FILE vm-goodbye \"\"", PLAYED).then("HANGUP", SET));
        assertThat(fixtures.balance(a.id)).isEqualTo(1234);
        return uid;
    }

    @Test
    void destinationThatCouldReachDialOptionsIsRefusedBeforeAnyLedgerWork() throws Exception {
        Account a = fixtures.account(1234);
        String uid = assertRefusedAfterTheDestination(a, "200 result=1", "200 result= (timeout)", "INVALID_DESTINATION",
                "billing/invalid-destination");
        assertThat(QuarkusTransaction.requiringNew().call(() -> Reservation.byCall(uid))).isEmpty();
    }

    @Test
    void voucherRedeemedByDtmfCreditsTheCardAndSaysTheNewBalance() throws Exception {
        Account a = fixtures.account(1234);
        IssuedCard card = cards.issue(a.username);
        VoucherBatch batch = vouchers.generate(new Vouchers.NewBatch(1, 12, 500, "USD", Instant.now().plus(1, ChronoUnit.DAYS)), "test");
        String code = batch.codes().get(0);
        try (AsteriskStandIn ast = AsteriskStandIn.connect(server.port())) {
            ast.start(Call.of("card", uid(), PAYPHONE, "s")).play(pinAndBalance(card))
                    .expect("GET DATA billing/card-menu 5000 1", "200 result=2")
                    .expect("GET DATA billing/voucher-enter 8000 20", "200 result=" + code)
                    .expect("STREAM FILE billing/voucher-accepted \"\"", PLAYED)
                    // 1234 + 500 = 1734: 17 dollars and 34 cents
                    .expect("STREAM FILE vm-youhave \"\"", PLAYED).expect("SAY NUMBER 17 \"\"", OK)
                    .expect("STREAM FILE dollars \"\"", PLAYED).expect("STREAM FILE and \"\"", PLAYED)
                    .expect("SAY NUMBER 34 \"\"", OK).expect("STREAM FILE cents \"\"", PLAYED)
                    .expect("GET DATA billing/card-menu 5000 1", "200 result=2")
                    // the same code again: refused, back to the menu, where the caller hangs up
                    .expect("GET DATA billing/voucher-enter 8000 20", "200 result=" + code)
                    .expect("STREAM FILE billing/voucher-refused \"\"", PLAYED)
                    .expect("GET DATA billing/card-menu 5000 1", "200 result=-1");
            assertThat(ast.awaitClosedByServer(5000)).isTrue();
        }
        assertThat(fixtures.balance(a.id)).isEqualTo(1734);
        assertThat(fixtures.queryLong("select count(*) from ledger_entry where account_id = ? and kind = 'VOUCHER' and amount_minor = 500",
                a.id)).isEqualTo(1);
    }

    @Test
    void aCallerWhoHangsUpAtThePinPromptEndsTheSession() throws Exception {
        try (AsteriskStandIn ast = AsteriskStandIn.connect(server.port())) {
            ast.start(Call.of("card", uid(), PAYPHONE, "s")).expect("ANSWER", OK).hangup()
                    .expect("GET DATA agent-pass 8000 10", "200 result=-1");
            assertThat(ast.awaitClosedByServer(5000)).isTrue();
            assertThat(ast.transcript()).isEqualTo("ANSWER\nGET DATA agent-pass 8000 10\n");
        }
    }

    @Test
    void withoutAReadableCdrAfterDialTheCallIsLeftToTheHangupSettle() throws Exception {
        Account a = fixtures.account(1234);
        IssuedCard card = cards.issue(a.username);
        String uid = uid();
        try (AsteriskStandIn ast = AsteriskStandIn.connect(server.port())) {
            ast.start(Call.of("card", uid, PAYPHONE, "s")).play(upToTheNumber(card, "200 result=1", "200 result=" + DEST))
                    .play(DIALLED_FOR_AN_HOUR)
                    .expect(AsteriskStandIn.SETTLE_READ, "511 Command Not Permitted on a dead channel or intercept routine");
            assertThat(ast.awaitClosedByServer(5000)).isTrue();
        }
        // nothing billed on a guess: the hold stays until the h extension's settle reads billsec
        assertThat(QuarkusTransaction.requiringNew().call(() -> Reservation.byCall(uid).orElseThrow().state))
                .isEqualTo(io.telops.billing.ledger.ReservationState.OPEN);
        AsteriskStandIn.session(server.port(), Call.of("settle", uid, PAYPHONE, "h"), AsteriskStandIn.settled(61, 20));
        assertThat(fixtures.balance(a.id)).isEqualTo(1214);
    }

    @ParameterizedTest
    @CsvSource({
            "1234, SAY NUMBER 12 \"\"|STREAM FILE dollars \"\"|STREAM FILE and \"\"|SAY NUMBER 34 \"\"|STREAM FILE cents \"\"",
            "101, SAY NUMBER 1 \"\"|STREAM FILE letters/dollar \"\"|STREAM FILE and \"\"|SAY NUMBER 1 \"\"|STREAM FILE cent \"\"",
            "200, SAY NUMBER 2 \"\"|STREAM FILE dollars \"\"",
            "0, SAY NUMBER 0 \"\"|STREAM FILE dollars \"\""})
    void balanceSaysTheCallersMoneyAsAsteriskSaysMoney(long balance, String said) throws Exception {
        Account a = fixtures.account(balance);
        StringBuilder expected = new StringBuilder("ANSWER\nGET VARIABLE IMSI\nSET VARIABLE BILLING_BALANCE " + balance
                + "\nSTREAM FILE vm-youhave \"\"\n");
        try (AsteriskStandIn ast = AsteriskStandIn.connect(server.port())) {
            ast.start(Call.of("balance", uid(), a.clid, "s")).expect("ANSWER", OK).expect("GET VARIABLE IMSI", OK)
                    .expect("SET VARIABLE BILLING_BALANCE " + balance, "200 result=1")
                    .expect("STREAM FILE vm-youhave \"\"", PLAYED);
            for (String line : said.split("\\|")) {
                ast.expect(line, line.startsWith("SAY") ? OK : PLAYED);
                expected.append(line).append('\n');
            }
            assertThat(ast.awaitClosedByServer(5000)).isTrue();
            assertThat(ast.transcript()).isEqualTo(expected.toString());
        }
    }

    @Test
    void balanceOfAnUnknownCallerPlaysTheUnknownAccountPrompt() throws Exception {
        try (AsteriskStandIn ast = AsteriskStandIn.connect(server.port())) {
            ast.start(Call.of("balance", uid(), "5559" + BillingFixtures.unique(), "s")).expect("ANSWER", OK)
                    .expect("GET VARIABLE IMSI", OK)
                    .expect("STREAM FILE billing/unknown-account \"\"", PLAYED);
            assertThat(ast.awaitClosedByServer(5000)).isTrue();
            assertThat(ast.transcript()).isEqualTo("ANSWER\nGET VARIABLE IMSI\nSTREAM FILE billing/unknown-account \"\"\n");
        }
    }
}
