package io.telops.provisioning.serving;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.telops.provisioning.TestData;
import io.telops.provisioning.render.Vendor;
import io.telops.testkit.KafkaTestResource;
import io.telops.testkit.PostgresServer;
import io.telops.testkit.PostgresTestResource;
import io.telops.testkit.SharedInfrastructure;

/** With PostgreSQL stopped, phones that fetched before still get their last good config. */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "provisioning"))
class StoreDownTest {
    @jakarta.inject.Inject
    ConfigCache cache;

    @Test
    void lastGoodConfigIsServedWhileTheStoreIsDown() {
        TestData.templates();
        String mac = "000413200001";
        if (TestData.admin().get("/api/devices/" + mac).statusCode() == 404) {
            TestData.createDevice(Vendor.SNOM, mac);
        }
        String path = "/prov/snom/" + mac.toLowerCase() + ".xml";
        Response before = given().auth().preemptive().basic(mac.toLowerCase(), TestData.PROV_PASSWORD)
                .header("X-Forwarded-For", "10.30.0.1").get(path);
        before.then().statusCode(200);
        String good = before.asString();
        // a change after the last fetch marks the entry stale: the next fetch must go to the store
        cache.invalidateAll();

        PostgresServer postgres = SharedInfrastructure.postgres();
        postgres.stop();
        try {
            Response during = given().auth().preemptive().basic(mac.toLowerCase(), TestData.PROV_PASSWORD)
                    .header("X-Forwarded-For", "10.30.0.1").get(path);
            during.then().statusCode(200);
            assertThat(during.asString()).isEqualTo(good);
            // still authenticated from the cached state: a wrong password is refused
            given().auth().preemptive().basic(mac.toLowerCase(), "wrong-password").header("X-Forwarded-For", "10.30.0.2")
                    .get(path).then().statusCode(401);
            // a device never fetched before cannot be served without the store
            given().auth().preemptive().basic("000413200099", TestData.PROV_PASSWORD).header("X-Forwarded-For", "10.30.0.3")
                    .get("/prov/snom/000413200099.xml").then().statusCode(503);
        } finally {
            postgres.start();
        }
        // the store is back: fresh loads work again (the pool replaces its broken connections)
        long deadline = System.currentTimeMillis() + 30_000;
        int status = 0;
        while (System.currentTimeMillis() < deadline && status != 200) {
            status = TestData.admin().get("/api/devices/" + mac).statusCode();
        }
        assertThat(status).isEqualTo(200);
        given().auth().preemptive().basic(mac.toLowerCase(), TestData.PROV_PASSWORD).header("X-Forwarded-For", "10.30.0.1")
                .get(path).then().statusCode(200).body(containsString("<user_name idx=\"1\" perm=\"\">2001</user_name>"));
    }
}
