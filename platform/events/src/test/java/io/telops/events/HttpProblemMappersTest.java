package io.telops.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.time.Instant;

import jakarta.ws.rs.ClientErrorException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.RedirectionException;
import jakarta.ws.rs.core.Response;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;

/** The shared answers: status, problem body and media type for each generic failure, and nothing internal in a 500. */
class HttpProblemMappersTest {
    private static final String PATH = "/api/things";
    private static final HttpProblemMappers MAPPERS = new HttpProblemMappers();
    private static final ObjectMapper JSON = new ObjectMapper();

    record Line(String number) {
        Line {
            if (number.isBlank()) {
                throw new IllegalArgumentException("number must not be blank");
            }
        }
    }

    record Stamp(Instant at) {
    }

    @Test
    void unreadableJsonIs400WithJacksonsReason() {
        JsonProcessingException e = parseFailure("{\"number\": ", Line.class);
        Problem problem = problem(MAPPERS.badJson(e, request()));
        assertThat(problem.status()).isEqualTo(400);
        assertThat(problem.title()).isEqualTo("Bad Request");
        assertThat(problem.detail()).startsWith("invalid JSON: ");
        assertThat(problem.instance()).isEqualTo(PATH);
    }

    @Test
    void aRecordsOwnCheckInsideTheJsonIsTheDetail() {
        JsonProcessingException e = parseFailure("{\"number\": \" \"}", Line.class);
        assertThat(problem(MAPPERS.badJson(e, request())).detail()).isEqualTo("invalid JSON: number must not be blank");
    }

    @Test
    void jsonFailuresWrappedByTheBodyReaderAreStill400() {
        JsonProcessingException cause = parseFailure("[", Line.class);
        Response response = MAPPERS.web(new ClientErrorException(Response.Status.BAD_REQUEST, cause), request());
        assertThat(problem(response).detail()).startsWith("invalid JSON: ");
    }

    @Test
    void webExceptionsKeepTheirStatusAndGetAProblemBody() {
        Response response = MAPPERS.web(new NotFoundException("no line 42"), request());
        assertThat(response.getStatus()).isEqualTo(404);
        assertThat(response.getMediaType().toString()).isEqualTo(Problem.MEDIA_TYPE);
        assertThat(problem(response)).isEqualTo(new Problem("about:blank", "Not Found", 404, "no line 42", PATH));
        assertThat(problem(MAPPERS.web(new NotSupportedException(), request())).status()).isEqualTo(415);
    }

    @Test
    void redirectsPassThroughUntouched() {
        Response redirect = Response.seeOther(java.net.URI.create("/login")).build();
        assertThat(MAPPERS.web(new RedirectionException(redirect), request()).getStatus()).isEqualTo(303);
    }

    @Test
    void anIllegalArgumentIs400WithItsMessage() {
        Problem problem = problem(MAPPERS.badArgument(new IllegalArgumentException("page must be 0 or more"), request()));
        assertThat(problem).isEqualTo(new Problem("about:blank", "Bad Request", 400, "page must be 0 or more", PATH));
    }

    @Test
    void anUnexpectedFailureIs500AndShowsNeitherItsMessageNorItsClass() throws Exception {
        Response response = MAPPERS.unexpected(new IllegalStateException("password=hunter2 at db-7"), request());
        assertThat(response.getStatus()).isEqualTo(500);
        String body = JSON.writeValueAsString(response.getEntity());
        assertThat(body).doesNotContain("hunter2").doesNotContain("IllegalStateException").contains("server log");
        assertThat(problem(response).title()).isEqualTo("Internal Server Error");
    }

    @Test
    void theBodyHasTheShapeOfTheSecurityModulesProblems() throws Exception {
        String body = JSON.writeValueAsString(Problem.of(409, "Conflict", "taken").at(PATH));
        assertThat(JSON.readTree(body).fieldNames()).toIterable()
                .containsExactly("type", "title", "status", "detail", "instance");
        // without a path, instance is left out rather than sent as null
        assertThat(JSON.readTree(JSON.writeValueAsString(Problem.of(409, "taken"))).has("instance")).isFalse();
    }

    @Test
    void aStatusWithoutAStandardNameIsTitledByItsNumber() {
        assertThat(Problem.of(499, "x").title()).isEqualTo("HTTP 499");
        assertThat(Problem.of(428, "x").title()).isEqualTo("Precondition Required");
        assertThat(Problem.of(400, "Bad request", null).detail()).isEqualTo("Bad request");
    }

    private static JsonProcessingException parseFailure(String json, Class<?> type) {
        try {
            JSON.findAndRegisterModules().readValue(json, type);
        } catch (JsonProcessingException e) {
            return e;
        }
        throw new AssertionError("parsed: " + json);
    }

    private static Problem problem(Response response) {
        assertThat(response.getMediaType().toString()).isEqualTo(Problem.MEDIA_TYPE);
        return (Problem) response.getEntity();
    }

    /** Only the path and method are used by the mappers. */
    private static HttpServerRequest request() {
        return (HttpServerRequest) Proxy.newProxyInstance(HttpServerRequest.class.getClassLoader(),
                new Class<?>[] {HttpServerRequest.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "path" -> PATH;
                    case "method" -> HttpMethod.POST;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }
}
