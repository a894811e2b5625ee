package io.telops.callforward.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.telops.callforward.fake.PlivoFake;
import io.telops.callforward.fake.PlivoFakeResource;
import io.telops.testkit.KafkaTestResource;
import io.telops.testkit.MongoTestResource;

/** PUT /api/lines/{id} only with the version the client read (If-Match or a body version), against the running service. */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(MongoTestResource.class)
@WithTestResource(PlivoFakeResource.class)
class LineVersionCheckTest {
    static final String SETTINGS = "\"name\":\"Front desk\",\"owner\":\"carol\",\"sipEndpoint\":\"sip:carol@phone.plivo.com\"";
    static final String RENAMED = "{\"name\":\"Front desk 2\",\"owner\":\"carol\",\"sipEndpoint\":\"sip:carol@phone.plivo.com\"}";

    @BeforeEach
    void reset() {
        PlivoFake.shared().reset();
    }

    static String createLine() {
        return given().auth().preemptive().basic("admin", "secret").contentType(ContentType.JSON)
                .body("{\"settings\":{" + SETTINGS + "},\"rental\":{\"countryIso\":\"US\",\"type\":\"local\"}}")
                .post("/api/lines").then().statusCode(201).extract().jsonPath().getString("id");
    }

    static RequestSpecification admin() {
        return given().auth().preemptive().basic("admin", "secret").contentType(ContentType.JSON);
    }

    static Response get(String id) {
        return given().auth().preemptive().basic("viewer", "secret").get("/api/lines/" + id);
    }

    @Test
    void getSendsTheVersionAsAStrongETagAndAMatchingIfMatchUpdates() {
        String id = createLine();
        Response read = get(id);
        long version = read.jsonPath().getLong("version");
        assertThat(read.header("ETag")).isEqualTo("\"" + version + "\"");

        Response put = admin().header("If-Match", read.header("ETag")).body(RENAMED).put("/api/lines/" + id);

        put.then().statusCode(200).body("settings.name", equalTo("Front desk 2")).body("version", equalTo((int) version + 1));
        assertThat(put.header("ETag")).isEqualTo("\"" + (version + 1) + "\"");
    }

    @Test
    void anUpdateWithoutAVersionIsRefusedWith428AndChangesNothing() {
        String id = createLine();

        admin().body(RENAMED).put("/api/lines/" + id).then().statusCode(428)
                .contentType(containsString("application/problem+json")).body("detail", containsString("If-Match"));

        get(id).then().body("settings.name", equalTo("Front desk"));
    }

    @Test
    void aStaleIfMatchIsRefusedWith412AndChangesNothing() {
        String id = createLine();
        String stale = get(id).header("ETag");
        admin().header("If-Match", stale).body(RENAMED).put("/api/lines/" + id).then().statusCode(200);

        admin().header("If-Match", stale).body(RENAMED.replace("Front desk 2", "Lost update")).put("/api/lines/" + id)
                .then().statusCode(412).contentType(containsString("application/problem+json"));

        get(id).then().body("settings.name", equalTo("Front desk 2"));
    }

    @Test
    void aBodyVersionUpdatesWhenCurrentAndIsRefusedWith409WhenStale() {
        String id = createLine();
        long version = get(id).jsonPath().getLong("version");
        String withVersion = "{" + SETTINGS.replace("Front desk", "Front desk 3") + ",\"version\":" + version + "}";

        admin().body(withVersion).put("/api/lines/" + id).then().statusCode(200).body("settings.name", equalTo("Front desk 3"));
        admin().body(withVersion.replace("Front desk 3", "Lost update")).put("/api/lines/" + id).then().statusCode(409)
                .contentType(containsString("application/problem+json"));

        get(id).then().body("settings.name", equalTo("Front desk 3"));
    }
}
