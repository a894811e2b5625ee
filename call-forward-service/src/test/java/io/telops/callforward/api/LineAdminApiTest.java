package io.telops.callforward.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.telops.callforward.fake.CallEventsProbe.Event;
import io.telops.callforward.fake.PlivoDrivenTest;
import io.telops.callforward.fake.PlivoFake;
import io.telops.callforward.fake.PlivoFake.Scripted;
import io.telops.callforward.fake.PlivoFakeResource;
import io.telops.testkit.KafkaTestResource;
import io.telops.testkit.MongoTestResource;

/** The admin API against the Plivo fake: renting, rollback, updates, release, and who may do what. */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(MongoTestResource.class)
@WithTestResource(PlivoFakeResource.class)
class LineAdminApiTest extends PlivoDrivenTest {
    static final String SETTINGS = "{\"name\":\"Sales\",\"owner\":\"bob\",\"sipEndpoint\":\"sip:bob@phone.plivo.com\",\"mobile\":\"14155550177\"}";

    static io.restassured.response.Response create(String body) {
        return given().auth().preemptive().basic("admin", "secret").contentType(ContentType.JSON).body(body)
                .when().post("/api/lines");
    }

    static String request(boolean voicemailNumber) {
        return "{\"settings\":" + SETTINGS + ",\"rental\":{\"countryIso\":\"us\",\"type\":\"local\",\"pattern\":\"1415\",\"voicemailNumber\":"
                + voicemailNumber + "}}";
    }

    @Test
    void createRentsTwoNumbersLinkedToTheApplicationThenUpdateAndReleaseUnrentsThem() {
        List<String> stock = fake.available();
        JsonPath line = create(request(true)).then().statusCode(201).extract().jsonPath();
        String id = line.getString("id");
        assertThat(line.getString("status")).isEqualTo("ACTIVE");
        assertThat(line.getString("forwardNumber")).isEqualTo(stock.get(0));
        assertThat(line.getString("voicemailNumber")).isEqualTo(stock.get(1));
        String appId = line.getString("appId");
        assertThat(fake.rented()).containsEntry(stock.get(0), appId).containsEntry(stock.get(1), appId);
        // the search used Plivo's parameter names; the buy carried the application id
        PlivoFake.Request search = fake.requests().stream().filter(r -> r.method().equals("GET")).findFirst().orElseThrow();
        assertThat(search.path()).isEqualTo("/v1/Account/" + PlivoFake.AUTH_ID + "/PhoneNumber/");
        assertThat(search.query()).contains("country_iso=US").contains("type=local").contains("pattern=1415");
        assertThat(fake.requests()).filteredOn(r -> r.method().equals("POST") && r.path().contains("/PhoneNumber/"))
                .allSatisfy(r -> assertThat(r.body().path("app_id").asText()).isEqualTo(appId));

        given().auth().preemptive().basic("viewer", "secret").get("/api/lines/" + id).then().statusCode(200)
                .body("settings.name", equalTo("Sales")).body("settings.ringStrategy", equalTo("SEQUENTIAL"));
        assertThat(given().auth().preemptive().basic("viewer", "secret").get("/api/lines").then().statusCode(200)
                .extract().jsonPath().getList("id", String.class)).contains(id);

        given().auth().preemptive().basic("admin", "secret").contentType(ContentType.JSON).header("If-Match", "\"4\"")
                .body("{\"name\":\"Sales EU\",\"owner\":\"bob\",\"mobile\":\"14155550177\",\"sipEndpoint\":\"sip:bob@phone.plivo.com\",\"ringStrategy\":\"SIMULTANEOUS\"}")
                .put("/api/lines/" + id).then().statusCode(200)
                .body("settings.name", equalTo("Sales EU")).body("settings.ringStrategy", equalTo("SIMULTANEOUS")).body("version", equalTo(5));

        given().auth().preemptive().basic("admin", "secret").delete("/api/lines/" + id).then().statusCode(200)
                .body("status", equalTo("RELEASED"));
        assertThat(fake.rented()).doesNotContainKeys(stock.get(0), stock.get(1));

        List<Event> es = events.await(e -> id.equals(e.key()), 7, Duration.ofSeconds(20));
        assertThat(es).extracting(Event::type).containsExactly("io.telops.call.number-rented.v1", "io.telops.call.number-rented.v1",
                "io.telops.call.line-changed.v1", "io.telops.call.line-changed.v1", "io.telops.call.number-released.v1",
                "io.telops.call.number-released.v1", "io.telops.call.line-changed.v1");
        assertThat(es.get(6).body().path("status").asText()).isEqualTo("released");
    }

    @Test
    void rentalIsRolledBackWhenBuyingTheSecondNumberFails() {
        List<String> stock = fake.available();
        fake.script("buy", Scripted.PASS, Scripted.fail(500, "internal server error"));
        String detail = create(request(true)).then().statusCode(502).contentType(containsString("application/problem+json"))
                .body("detail", containsString("released again")).extract().jsonPath().getString("detail");
        String id = detail.replaceAll("^line ([0-9a-f-]{36}):.*$", "$1");
        assertThat(fake.rented()).doesNotContainKeys(stock.get(0), stock.get(1));
        assertThat(fake.requests()).anySatisfy(r -> {
            assertThat(r.method()).isEqualTo("DELETE");
            assertThat(r.path()).isEqualTo("/v1/Account/" + PlivoFake.AUTH_ID + "/Number/" + stock.get(0) + "/");
            assertThat(r.status()).isEqualTo(204);
        });
        given().auth().preemptive().basic("viewer", "secret").get("/api/lines/" + id).then().statusCode(200)
                .body("status", equalTo("FAILED")).body("forwardNumber", org.hamcrest.Matchers.nullValue());
        List<Event> es = events.await(e -> id.equals(e.key()), 2, Duration.ofSeconds(20));
        assertThat(es).extracting(Event::type).containsExactly("io.telops.call.number-rented.v1", "io.telops.call.number-released.v1");
        assertThat(es.get(1).body().path("reason").asText()).isEqualTo("rollback");
    }

    @Test
    void aNumberTakenSinceTheSearchIsSkippedAndPlivoErrorsBecome502() {
        List<String> stock = fake.available();
        fake.takenElsewhere(stock.get(0));
        JsonPath line = create(request(false)).then().statusCode(201).extract().jsonPath();
        assertThat(line.getString("forwardNumber")).isEqualTo(stock.get(1));

        fake.script("search", Scripted.fail(429, "too many requests"));
        create(request(false)).then().statusCode(502).body("detail", containsString("429"));
        fake.script("search", Scripted.fail(401, "Authentication failed"));
        create(request(false)).then().statusCode(502).body("detail", containsString("401"));
    }

    @Test
    void onlyAdminsChangeLinesAndBadInputGets400() {
        create(request(false)).then().statusCode(201);
        given().contentType(ContentType.JSON).body(request(false)).post("/api/lines").then().statusCode(401);
        given().auth().preemptive().basic("viewer", "secret").contentType(ContentType.JSON).body(request(false))
                .post("/api/lines").then().statusCode(403);
        given().auth().preemptive().basic("viewer", "secret").delete("/api/lines/x").then().statusCode(403);
        create("{\"settings\":{\"name\":\"x\",\"owner\":\"y\",\"sipEndpoint\":\"not a uri\"}}").then().statusCode(400)
                .contentType(containsString("application/problem+json")).body("detail", containsString("sipEndpoint"));
        create("{\"settings\":{\"name\":\"x\",\"owner\":\"y\",\"sipTimeoutSeconds\":500}}").then().statusCode(400)
                .body("detail", containsString("sipTimeoutSeconds"));
        create("{\"settings\":{\"name\":\"x\",\"owner\":\"y\",\"schedule\":{\"zone\":\"Mars/Base\",\"windows\":[]}}}").then().statusCode(400);
        create("{\"settings\": [").then().statusCode(400);
        given().auth().preemptive().basic("viewer", "secret").get("/api/lines/does-not-exist").then().statusCode(404)
                .body("status", equalTo(404));
    }
}
