package io.telops.provisioning.serving;

import static io.restassured.RestAssured.given;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * A phone on boot: its vendor's User-Agent, its provisioning credentials and address, and the log of what it asked
 * for ("GET file status") in order, so a test can compare the walk with what the vendor documents.
 */
final class SimulatedPhone {
    record Fetch(String method, String file, int status, byte[] body) {
        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    private final String vendor;
    private final String userAgent;
    private final String user;
    private final String password;
    private final String ip;
    private final List<String> log = new ArrayList<>();

    SimulatedPhone(String vendor, String userAgent, String user, String password, String ip) {
        this.vendor = vendor;
        this.userAgent = userAgent;
        this.user = user;
        this.password = password;
        this.ip = ip;
    }

    private RequestSpecification request() {
        RequestSpecification r = given().urlEncodingEnabled(false).header("User-Agent", userAgent).header("X-Forwarded-For", ip);
        return password == null ? r : r.auth().preemptive().basic(user, password);
    }

    Fetch get(String file) {
        return record("GET", file, request().get("/prov/" + vendor + "/" + file));
    }

    Fetch put(String file, String body) {
        return record("PUT", file, request().contentType("text/plain").body(body).put("/prov/" + vendor + "/" + file));
    }

    private Fetch record(String method, String file, Response r) {
        log.add(method + " " + file + " " + r.statusCode());
        return new Fetch(method, file, r.statusCode(), r.asByteArray());
    }

    List<String> log() {
        return List.copyOf(log);
    }
}
