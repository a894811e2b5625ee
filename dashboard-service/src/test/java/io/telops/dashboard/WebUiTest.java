package io.telops.dashboard;

import static io.restassured.RestAssured.given;
import static io.telops.dashboard.TestUsers.login;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.telops.contracts.phone.Party;
import io.telops.testkit.KafkaTestResource;
import io.telops.testkit.PostgresTestResource;

/** The server-rendered pages: form login, the overview cards, search, and the page of one phone. */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "dashboard"))
public class WebUiTest {

    @Test
    void pagesRedirectToTheLoginFormUntilSignedIn() {
        given().redirects().follow(false).get("/").then().statusCode(302).header("Location", containsString("/login"));
        given().redirects().follow(false).get("/phones").then().statusCode(302).header("Location", containsString("/login"));
        given().get("/login").then().statusCode(200).body(containsString("j_security_check"));
        Response wrong = given().redirects().follow(false)
                .formParam("j_username", "viewer").formParam("j_password", "nope").post("/j_security_check");
        assertThat(wrong.statusCode()).isEqualTo(302);
        assertThat(wrong.header("Location")).contains("error");
        assertThat(wrong.cookie("telops-dashboard")).isNull();
        // the form session does not open the JSON API, which stays HTTP Basic
        String session = login("viewer", "secret");
        given().cookie("telops-dashboard", session).get("/api/phones").then().statusCode(401);
    }

    @Test
    void theOverviewShowsEachPhoneAsACardWithItsRecentLogsAndEscapesPhoneText() {
        String mac = Phones.randomMac();
        String hostile = "<script>alert(1)</script>";
        CloudEventProducer.publishToTestBroker(Phones.lineRegistered(mac, Phones.now(), 1, "3003@pbx"),
                Phones.incoming(mac, Phones.now().plusMillis(1), new Party(hostile, "3004"), new Party("Desk", "3003")));
        String session = login("viewer", "secret");
        Eventually.within(Duration.ofSeconds(20), () -> given().cookie("telops-dashboard", session)
                .queryParam("q", mac).get("/phones").then().statusCode(200)
                .body(containsString("id=\"phone-" + mac + "\""))
                .body(containsString("Incoming call from &lt;script&gt;"))
                .body(not(containsString(hostile))));
        given().cookie("telops-dashboard", session).queryParam("q", "3004").get("/phones").then().statusCode(200)
                .body(containsString("phone-" + mac));
        given().cookie("telops-dashboard", session).get("/phones/" + mac).then().statusCode(200)
                .body(containsString("Line 1: 3003@pbx registered"))
                .body(containsString("data-phone=\"" + mac + "\""));
        given().cookie("telops-dashboard", session).get("/phones/" + Phones.randomMac()).then().statusCode(404);
    }

    @Test
    void pagersLinkToTheNeighbouringPagesKeepingTheListFilter() {
        String line = "pager-" + Phones.randomMac() + "@pbx";
        String mac = Phones.randomMac();
        try (CloudEventProducer producer = CloudEventProducer.toTestBroker()) {
            // 49 phones on one line address: one more than the 48 cards of a page
            for (int i = 0; i < 49; i++) {
                producer.publish(Phones.lineRegistered(i == 0 ? mac : Phones.randomMac(), Phones.now(), 1, line));
            }
            // 51 log rows for one phone: one more than the 50 history rows of a page
            for (int i = 1; i <= 50; i++) {
                producer.publish(Phones.offHook(mac, Phones.now().plusMillis(i)));
            }
        }
        String session = login("viewer", "secret");
        Eventually.within(Duration.ofSeconds(30), () -> given().cookie("telops-dashboard", session)
                .queryParam("q", line).get("/phones").then().statusCode(200)
                .body(containsString("page 1 of 2"))
                .body(containsString("href=\"/phones?q=" + line.replace("@", "%40") + "&amp;status=&amp;page=1\""))
                .body(not(containsString("newer"))));
        Eventually.within(Duration.ofSeconds(30), () -> given().cookie("telops-dashboard", session)
                .get("/phones/" + mac).then().statusCode(200)
                .body(containsString("page 1 of 2"))
                .body(containsString("href=\"/phones/" + mac + "?page=1\">older")));
        given().cookie("telops-dashboard", session).queryParam("page", 1).get("/phones/" + mac).then().statusCode(200)
                .body(containsString("page 2 of 2"))
                .body(containsString("href=\"/phones/" + mac + "?page=0\">&larr; newer"))
                .body(not(containsString("older")));
        // the status filter keeps its choice; the one phone off hook fits one page
        given().cookie("telops-dashboard", session).queryParam("q", line).queryParam("status", "off-hook").get("/phones")
                .then().statusCode(200)
                .body(containsString("<option value=\"off-hook\" selected>off-hook</option>"))
                .body(containsString("<option value=\"registered\" >registered</option>"))
                .body(containsString("page 1 of 1"));
    }
}
