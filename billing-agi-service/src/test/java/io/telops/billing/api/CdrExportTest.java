package io.telops.billing.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.telops.billing.BillingFixtures;
import io.telops.billing.ledger.Account;
import io.telops.billing.ledger.CallBilling;
import io.telops.billing.ledger.CallRequest;
import io.telops.testkit.KafkaTestResource;
import io.telops.testkit.PostgresTestResource;

/** CDR search as CSV ({@code Accept: text/csv}) against the real database: every row, no page limit, safe cells. */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "billing"))
class CdrExportTest {
    private static final int CALLS = 1050; // more than the largest JSON page (1000)

    @Inject
    BillingFixtures fixtures;
    @Inject
    CallBilling billing;

    @Test
    void csvExportHasEveryMatchingRowBeyondThePageLimitAndNeutralisesFormulas() {
        fixtures.tariff("4978", 60, 1, 1, 0);
        Account a = fixtures.account(100_000);
        for (int i = 0; i < CALLS; i++) {
            String uid = "csv." + i + "." + BillingFixtures.unique();
            billing.authorise(new CallRequest(uid, Optional.of(a.clid), Optional.empty(), "4978" + i, "c"));
            billing.settle(uid, 1, i == 0 ? "=HYPERLINK(\"http://evil\",\"x\")" : a.clid, "PJSIP/a,b-0001");
        }
        String csv = given().auth().preemptive().basic("viewer", "secret").accept("text/csv")
                .queryParam("username", a.username).get("/api/cdrs")
                .then().statusCode(200).contentType(org.hamcrest.Matchers.startsWith("text/csv")).extract().asString();
        List<String> lines = csv.lines().toList();
        assertThat(lines.get(0)).isEqualTo("id,call_unique_id,account_id,caller_id,destination,channel,tariff_prefix,"
                + "billsec,billed_seconds,amount_minor,settled_at,duration,dial_status,hangup_cause,dialled_peer,caller_imsi,"
                + "callee_imsi,rate_per_minute_minor,initial_increment,subsequent_increment,connection_fee_minor");
        assertThat(lines).hasSize(CALLS + 1);
        // a formula in a caller id is written as text; a comma is quoted
        assertThat(csv).contains(",\"'=HYPERLINK(\"\"http://evil\"\",\"\"x\"\")\",").contains(",49780,")
                .contains(",\"PJSIP/a,b-0001\",");
    }

    @Test
    void jsonStaysTheDefaultAnswer() {
        given().auth().preemptive().basic("viewer", "secret").get("/api/cdrs").then().statusCode(200)
                .contentType(org.hamcrest.Matchers.startsWith("application/json"));
    }
}
