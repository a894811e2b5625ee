package io.telops.dashboard;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/** The test profile's operator, signed in the two ways this service accepts: HTTP Basic for /api, the form for pages. */
public final class TestUsers {
    private TestUsers() {
    }

    /** The JSON API as another tool calls it: HTTP Basic as the viewer (role operator). */
    public static RequestSpecification operator() {
        return given().auth().preemptive().basic("viewer", "secret");
    }

    /** Signs the viewer in through the form; returns the session cookie, as a browser keeps it. */
    public static String login() {
        return login("viewer", "secret");
    }

    public static String login(String user, String password) {
        Response response = given().redirects().follow(false)
                .formParam("j_username", user).formParam("j_password", password)
                .post("/j_security_check");
        assertThat(response.statusCode()).isEqualTo(302);
        return response.cookie("telops-dashboard");
    }
}
