package io.telops.billing.ledger;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.telops.billing.BillingFixtures;
import io.telops.billing.BillingFixtures.OutboxRow;
import io.telops.contracts.EventJson;
import io.telops.contracts.billing.BalanceLow;
import io.telops.contracts.billing.BalanceRecovered;
import io.telops.contracts.billing.BillingEventTypes;
import io.telops.testkit.KafkaTestResource;
import io.telops.testkit.PostgresTestResource;

/**
 * Low-balance alerts: balance-low once per crossing below the threshold (the account's, else its plan's), written in
 * the transaction of the ledger change; balance-recovered when it is back at or above; a call's hold alone moves
 * nothing (the alert follows the balance before holds); the authorise answer says when the caller is under it.
 */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "billing"))
class BalanceAlertTest {
    private static final ObjectMapper JSON = EventJson.mapper();

    @Inject
    BillingFixtures fixtures;
    @Inject
    CallBilling billing;
    @Inject
    Ledger ledger;
    @Inject
    DataSource dataSource;

    private List<OutboxRow> alerts(long accountId) throws Exception {
        return fixtures.outbox("event_key = ? and ce_type in (?, ?)", String.valueOf(accountId),
                BillingEventTypes.BALANCE_LOW.type(), BillingEventTypes.BALANCE_RECOVERED.type());
    }

    private String call(Account a, String destination, int billsec) {
        String uid = "ba." + BillingFixtures.unique();
        assertThat(billing.authorise(new CallRequest(uid, Optional.of(a.clid), Optional.empty(), destination, "c")))
                .isInstanceOf(Authorisation.Granted.class);
        billing.settle(uid, billsec, a.clid, "c");
        return uid;
    }

    @Test
    void balanceLowOncePerCrossingAndRecoveredWhenBackAtTheThreshold() throws Exception {
        String p = "*95" + BillingFixtures.unique();
        fixtures.tariff(p, 60, 1, 1, 0); // 1 a second
        Account a = fixtures.account(1000);
        given().auth().preemptive().basic("admin", "secret").contentType(ContentType.JSON).body(Map.of("lowBalanceMinor", 500))
                .put("/api/users/" + a.username + "/plan").then().statusCode(200);

        // the hold of the whole balance is not a crossing: nothing until the call is billed
        String uid = "ba.hold." + BillingFixtures.unique();
        Authorisation g = billing.authorise(new CallRequest(uid, Optional.of(a.clid), Optional.empty(), p, "c"));
        assertThat(g).isEqualTo(new Authorisation.Granted(a.id, a.username, p, 1000, 1000, false));
        assertThat(alerts(a.id)).isEmpty();
        billing.settle(uid, 600, a.clid, "c"); // 1000 -> 400: below 500
        List<OutboxRow> rows = alerts(a.id);
        assertThat(rows).hasSize(1);
        BalanceLow low = JSON.readValue(rows.get(0).payload(), BalanceLow.class);
        assertThat(low).isEqualTo(new BalanceLow(a.id, a.username, 400, 500, "USD", low.occurredAt(), Optional.of(3L)));

        call(a, p, 100); // 300: still below, no second alert
        assertThat(alerts(a.id)).hasSize(1);
        // the next authorisation knows the caller is under the threshold (the AGI warning)
        String warned = "ba.warn." + BillingFixtures.unique();
        Authorisation w = billing.authorise(new CallRequest(warned, Optional.of(a.clid), Optional.empty(), p, "c"));
        assertThat(((Authorisation.Granted) w).lowBalance()).isTrue();
        billing.settle(warned, 0, a.clid, "c");

        ledger.adjust(a.id, 199, "top-up", "test"); // 499: still below
        assertThat(alerts(a.id)).hasSize(1);
        ledger.adjust(a.id, 1, "top-up", "test"); // 500: at the threshold again
        rows = alerts(a.id);
        assertThat(rows).hasSize(2);
        assertThat(rows.get(1).type()).isEqualTo(BillingEventTypes.BALANCE_RECOVERED.type());
        BalanceRecovered recovered = JSON.readValue(rows.get(1).payload(), BalanceRecovered.class);
        assertThat(recovered.balanceMinor()).isEqualTo(500);
        assertThat(recovered.thresholdMinor()).isEqualTo(500);

        call(a, p, 1); // 499: a new crossing, a new alert
        rows = alerts(a.id);
        assertThat(rows).extracting(OutboxRow::type).containsExactly(BillingEventTypes.BALANCE_LOW.type(),
                BillingEventTypes.BALANCE_RECOVERED.type(), BillingEventTypes.BALANCE_LOW.type());
        // the event and the ledger change are one transaction: the low event names the change that crossed
        BalanceLow second = JSON.readValue(rows.get(2).payload(), BalanceLow.class);
        assertThat(second.ledgerSeq().orElseThrow()).isEqualTo(
                fixtures.queryLong("select ledger_seq from account where id = ?", a.id));
    }

    @Test
    void withoutAThresholdOfItsOwnAnAccountHasItsPlans() throws Exception {
        String name = "alert-" + BillingFixtures.unique();
        given().auth().preemptive().basic("admin", "secret").contentType(ContentType.JSON)
                .body(Map.of("name", name, "currency", "USD", "lowBalanceMinor", 300)).post("/api/plans").then().statusCode(201);
        Account a = fixtures.account(1000);
        given().auth().preemptive().basic("admin", "secret").contentType(ContentType.JSON).body(Map.of("plan", name))
                .put("/api/users/" + a.username + "/plan").then().statusCode(200);
        ledger.adjust(a.id, -701, "deduction", "test"); // 299
        List<OutboxRow> rows = alerts(a.id);
        assertThat(rows).hasSize(1);
        assertThat(JSON.readValue(rows.get(0).payload(), BalanceLow.class).thresholdMinor()).isEqualTo(300);
        // an account with no threshold anywhere never alerts
        Account b = fixtures.account(1000);
        ledger.adjust(b.id, -999, "deduction", "test");
        assertThat(alerts(b.id)).isEmpty();
    }

    @Test
    void aBalanceChangeWorksOutThePlanOnlyWhenSomePlanHasAThreshold() throws Exception {
        Account a = fixtures.account(1000);
        assertThat(planLookupsOfOneBalanceChange(a.id, false)).isZero();
        assertThat(planLookupsOfOneBalanceChange(a.id, true)).isPositive();
    }

    /**
     * Runs of billing_effective_plan in one balance change of the account, with no plan threshold in the database or
     * with one, counted by PostgreSQL around the UPDATE; rolled back, so other tests' plans stay as they were.
     */
    private long planLookupsOfOneBalanceChange(long accountId, boolean somePlanHasAThreshold) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
            c.setAutoCommit(false);
            try {
                st.execute("set local track_functions = 'all'");
                st.executeUpdate("update rate_plan set low_balance_minor = null where low_balance_minor is not null");
                if (somePlanHasAThreshold) {
                    st.executeUpdate("update rate_plan set low_balance_minor = 1 where id = (select min(id) from rate_plan)");
                }
                long before = planLookups(st);
                st.executeUpdate("update account set balance_minor = balance_minor - 1 where id = " + accountId);
                return planLookups(st) - before;
            } finally {
                c.rollback();
                c.setAutoCommit(true);
            }
        }
    }

    /** This backend's runs of billing_effective_plan not yet reported (the counter of this transaction and earlier). */
    private static long planLookups(Statement st) throws SQLException {
        try (ResultSet rs = st.executeQuery("select coalesce(pg_stat_get_xact_function_calls('billing_effective_plan'::regproc), 0)")) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
