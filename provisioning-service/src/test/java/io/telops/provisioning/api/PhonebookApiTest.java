package io.telops.provisioning.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import io.telops.provisioning.TestData;
import io.telops.testkit.KafkaTestResource;
import io.telops.testkit.PostgresTestResource;

/** The phonebook admin API on the real store: operators manage a site's contacts; a CSV import is all or nothing. */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "provisioning"))
class PhonebookApiTest {
    private static RequestSpecification operator() {
        return given().auth().preemptive().basic("viewer", "secret");
    }

    private static String site() {
        String id = "pb-" + UUID.randomUUID().toString().substring(0, 8);
        TestData.admin().contentType(ContentType.JSON).body(Map.of("name", "Phonebook " + id)).put("/api/sites/" + id)
                .then().statusCode(200);
        return id;
    }

    @Test
    void anOperatorAddsChangesAndRemovesAContact() {
        String site = site();
        String base = "/api/sites/" + site + "/phonebook";
        var created = operator().contentType(ContentType.JSON).body(Map.of("firstName", "Zoë", "lastName", "<O'Brien & Co>", "number", "2001"))
                .post(base).then().statusCode(201).header("Location", containsString(base + "/")).extract();
        long id = ((Number) created.path("id")).longValue();
        operator().get(base).then().statusCode(200).body("lastName", equalTo(List.of("<O'Brien & Co>")));
        operator().contentType(ContentType.JSON).body(Map.of("firstName", "Zoë", "lastName", "Ørsted", "number", "+41441234567"))
                .put(base + "/" + id).then().statusCode(200).body("number", equalTo("+41441234567"));
        operator().delete(base + "/" + id).then().statusCode(204);
        operator().get(base).then().statusCode(200).body("size()", equalTo(0));
    }

    @Test
    void refusesAnonymousCallersInvalidContactsAndUnknownSites() {
        String site = site();
        given().get("/api/sites/" + site + "/phonebook").then().statusCode(401);
        given().contentType(ContentType.JSON).body(Map.of("firstName", "A", "number", "1")).post("/api/sites/" + site + "/phonebook")
                .then().statusCode(401);
        operator().contentType(ContentType.JSON).body(Map.of("firstName", "Line\nbreak", "number", "2001"))
                .post("/api/sites/" + site + "/phonebook").then().statusCode(422);
        operator().contentType(ContentType.JSON).body(Map.of("firstName", "Jane", "number", "20 01; rm"))
                .post("/api/sites/" + site + "/phonebook").then().statusCode(422);
        operator().get("/api/sites/no-such-site/phonebook").then().statusCode(404);
        operator().delete("/api/sites/" + site + "/phonebook/999999999").then().statusCode(404);
    }

    @Test
    void aCsvWithOneBadRowImportsNothingAndNamesTheLine() {
        String site = site();
        String base = "/api/sites/" + site + "/phonebook";
        operator().contentType("text/csv").body("first_name,last_name,number\nJane,Doe,2001\nBob,\"Smith, Jr.\",2002\nEve,,bad number\n")
                .post(base + "/import").then().statusCode(422).body("detail", containsString("line 4"));
        operator().get(base).then().statusCode(200).body("size()", equalTo(0));

        operator().contentType("text/csv").body("first_name,last_name,number\nJane,Doe,2001\nBob,\"Smith, Jr.\",2002\n")
                .post(base + "/import").then().statusCode(200).body("imported", equalTo(2));
        operator().contentType("text/csv").body("last_name,number\nReception,100\n")
                .post(base + "/import?replace=true").then().statusCode(200).body("imported", equalTo(1));
        List<String> names = operator().get(base).then().statusCode(200).extract().path("lastName");
        assertThat(names).containsExactly("Reception");
    }
}
