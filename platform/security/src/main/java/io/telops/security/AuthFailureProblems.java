package io.telops.security;

import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticator;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * 401 and 403 answered as RFC 9457 problem documents, like every other error of the platform, with the challenge
 * (WWW-Authenticate, or the redirect to a login page) that the request's mechanisms ask for. Covers failures in the
 * HTTP layer (proactive authentication, path permissions); {@link SecurityProblemMappers} covers the REST layer.
 */
@ApplicationScoped
public class AuthFailureProblems {
    public static final String MEDIA_TYPE = "application/problem+json";

    /** What to send: a status, an optional challenge header, and a problem body unless it is a redirect. */
    public record Answer(int status, Map<String, String> headers, String body) {
    }

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).failureHandler(this::handle);
    }

    void handle(RoutingContext context) {
        Throwable failure = context.failure();
        if (context.response().headWritten()) {
            context.next();
        } else if (failure instanceof AuthenticationFailedException || failure instanceof UnauthorizedException) {
            unauthorized(context).subscribe().with(answer -> send(context, answer), error -> context.next());
        } else if (failure instanceof ForbiddenException) {
            send(context, forbidden(context.request().path()));
        } else {
            context.next();
        }
    }

    /** The 401 (or login redirect) this request's mechanisms ask for. */
    public static Uni<Answer> unauthorized(RoutingContext context) {
        HttpAuthenticator authenticator = context.get(HttpAuthenticator.class.getName());
        Uni<ChallengeData> challenge = authenticator == null ? Uni.createFrom().nullItem() : authenticator.getChallenge(context);
        String path = context.request().path();
        return challenge.onFailure().recoverWithNull().map(c -> {
            if (c == null) {
                return new Answer(401, Map.of("WWW-Authenticate", "Basic realm=\"telops\""), body(401,
                        "Unauthorized", "Send valid credentials.", path));
            }
            Map<String, String> headers = new LinkedHashMap<>();
            c.getHeaders().forEach((name, value) -> headers.put(name.toString(), value));
            if (c.status == 302) {
                return new Answer(302, headers, null);
            }
            return new Answer(c.status, headers, body(c.status, "Unauthorized",
                    "Send valid credentials (HTTP Basic, or a session from the login page).", path));
        });
    }

    public static Answer forbidden(String path) {
        return new Answer(403, Map.of(), body(403, "Forbidden", "Your roles do not allow this request.", path));
    }

    private static void send(RoutingContext context, Answer answer) {
        if (context.response().headWritten()) {
            return;
        }
        answer.headers().forEach(context.response()::putHeader);
        context.response().setStatusCode(answer.status());
        if (answer.body() == null) {
            context.response().end();
        } else {
            context.response().putHeader(HttpHeaders.CONTENT_TYPE, MEDIA_TYPE).end(answer.body());
        }
    }

    private static String body(int status, String title, String detail, String path) {
        return new JsonObject().put("type", "about:blank").put("title", title).put("status", status)
                .put("detail", detail).put("instance", path).encode();
    }
}
