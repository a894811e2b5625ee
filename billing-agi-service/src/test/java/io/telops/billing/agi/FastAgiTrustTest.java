package io.telops.billing.agi;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;

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
import io.telops.billing.ledger.Reservation;
import io.telops.testkit.KafkaTestResource;
import io.telops.testkit.PostgresTestResource;

/**
 * Who may talk to the FastAGI port, against the real server: peers outside {@code allowed-peers} (the test
 * profile allows 127.0.0.1 and ::1) and calls without one of the configured keys get no byte and no session.
 */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "billing"))
class FastAgiTrustTest {
    private static final String DEST = "4981234567";
    private static final String OUTSIDER = "127.0.0.2";

    @Inject
    FastAgiServer server;
    @Inject
    BillingFixtures fixtures;

    @BeforeEach
    void tariff() {
        fixtures.tariff("498", 10, 60, 60, 0);
    }

    @Test
    void peerOutsideAllowedPeersGetsNoByteAndNoSession() throws Exception {
        Account a = fixtures.account(100);
        String uid = "1700000101." + BillingFixtures.unique();
        double refusedBefore = counter("telops_agi_peers_refused_total");
        try (AsteriskStandIn ast = AsteriskStandIn.connectFrom(OUTSIDER, server.port())) {
            try {
                ast.start(Call.of("authorize", uid, a.clid, DEST));
            } catch (IOException closedFirst) {
                // the server may already have closed the socket: that is the point
            }
            assertThat(ast.awaitClosedByServer(5000)).isTrue();
            assertThat(ast.transcript()).isEmpty();
        }
        assertThat(counter("telops_agi_peers_refused_total")).isEqualTo(refusedBefore + 1);
        assertThat(QuarkusTransaction.requiringNew().call(() -> Reservation.byCall(uid))).isEmpty();
        assertThat(fixtures.balance(a.id)).isEqualTo(100);
    }

    @ParameterizedTest
    @ValueSource(strings = {"wrong-key", "test-pbx-ke", "test-pbx-key2", ""})
    void wrongOrMissingKeyIsClosedWithoutAWord(String key) throws Exception {
        Account a = fixtures.account(100);
        String uid = "1700000102." + BillingFixtures.unique();
        try (AsteriskStandIn ast = AsteriskStandIn.connect(server.port())) {
            ast.start(Call.of("authorize", uid, a.clid, DEST).key(key));
            assertThat(ast.awaitClosedByServer(5000)).isTrue();
            assertThat(ast.transcript()).isEmpty();
        }
        assertThat(QuarkusTransaction.requiringNew().call(() -> Reservation.byCall(uid))).isEmpty();
        assertThat(fixtures.balance(a.id)).isEqualTo(100);
        assertThat(FastAgiTranscriptTest.metrics()).contains("reason=\"bad-key\"");
    }

    @Test
    void eachConfiguredKeyIsAccepted() throws Exception {
        Account a = fixtures.account(100);
        try (AsteriskStandIn ast = AsteriskStandIn.connect(server.port())) {
            ast.start(Call.of("authorize", "1700000103." + BillingFixtures.unique(), a.clid, DEST).key("second-pbx-key"))
                    .expect("GET VARIABLE IMSI", "200 result=0")
                    .expect("SET VARIABLE BILLING_RESULT AUTHORISED", "200 result=1");
        }
    }

    static double counter(String name) {
        String metrics = given().when().get("/q/metrics").then().statusCode(200).extract().asString();
        return metrics.lines().filter(l -> l.startsWith(name + " ") || l.startsWith(name + "{") || name.contains("{") && l.startsWith(name))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }
}
