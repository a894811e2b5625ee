package io.telops.ingest.push;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.runtime.configuration.MemorySize;
import io.telops.events.Problem;
import io.telops.ingest.IngestConfig;
import io.telops.ingest.metrics.IngestMetrics;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Serves {@code POST /polycom/events} as a plain Vert.x route, ahead of Quarkus' own router filters, with exactly
 * the contract of {@link PushResource} (which stays for the OpenAPI document, other methods' 405 and
 * {@code telops.ingest.push.direct-route=false}): same guard, limits, parser, status codes and problem bodies.
 *
 * <p>Why: phones authenticate by their own means, so the REST layer's security, auth-failure and metrics-template
 * handlers and the Micrometer HTTP server timer did nothing for a push while costing a sizeable part of the event
 * loop's time per push (the per-type counters and the store timer of {@link IngestMetrics} remain).
 */
@ApplicationScoped
public class PushRoute {
    private static final Logger LOG = Logger.getLogger(PushRoute.class);
    static final String PATH = "/polycom/events";
    /** Ahead of HTTP security (-200), CORS (-300) and the REST layer's handlers. */
    static final int ORDER = -10_000;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final PushGuard guard;
    private final PushIngestor ingestor;
    private final IngestMetrics metrics;
    private final IngestConfig.Push config;
    /** The HTTP hard stop ({@code quarkus.http.limits.max-body-size}), applied here to chunked bodies too. */
    private final long hardLimit;
    private volatile boolean enabled;

    PushRoute(PushGuard guard, PushIngestor ingestor, IngestMetrics metrics, IngestConfig config,
              @ConfigProperty(name = "quarkus.http.limits.max-body-size", defaultValue = "10240K") MemorySize hardLimit) {
        this.guard = guard;
        this.ingestor = ingestor;
        this.metrics = metrics;
        this.config = config.push();
        this.hardLimit = Math.max(hardLimit.asLongValue(), this.config.maxBodyBytes());
    }

    void routes(@Observes Router router) {
        enabled = config.directRoute();
        router.route(HttpMethod.POST, PATH).order(ORDER).handler(this::handle);
    }

    /** Switches between this route and the JAX-RS resource at run time (the benchmark compares both in one run). */
    public void enabled(boolean enabled) {
        this.enabled = enabled;
    }

    void handle(RoutingContext ctx) {
        if (!enabled) {
            ctx.next();
            return;
        }
        HttpServerRequest request = ctx.request();
        HttpServerResponse response = ctx.response();
        String length = request.getHeader(HttpHeaders.CONTENT_LENGTH);
        if (length != null && tooLong(length)) {
            refuseHard(response);
            return;
        }
        if (request.headers().contains(HttpHeaders.EXPECT, HttpHeaders.CONTINUE, true)) {
            response.writeContinue();
        }
        Buffer body = Buffer.buffer(length == null ? 1024 : (int) Math.max(0, Math.min(Long.parseLong(length.strip()), hardLimit)));
        boolean[] refused = {false};
        request.handler(chunk -> {
            if (refused[0]) {
                return;
            }
            if ((long) body.length() + chunk.length() > hardLimit) {
                refused[0] = true;
                refuseHard(response);
                return;
            }
            body.appendBuffer(chunk);
        });
        request.exceptionHandler(e -> refused[0] = true);
        request.endHandler(ignored -> {
            if (!refused[0]) {
                push(ctx, body.getBytes());
            }
        });
        request.resume();
    }

    private boolean tooLong(String contentLength) {
        try {
            return Long.parseLong(contentLength.strip()) > hardLimit;
        } catch (NumberFormatException e) {
            return true;
        }
    }

    private void push(RoutingContext ctx, byte[] body) {
        HttpServerRequest request = ctx.request();
        String remote = request.remoteAddress() == null ? "unknown" : request.remoteAddress().hostAddress();
        Optional<String> type = Optional.ofNullable(request.getHeader(HttpHeaders.CONTENT_TYPE)).filter(s -> !s.isBlank());
        try {
            guard.check(remote, type, Optional.ofNullable(request.getHeader(HttpHeaders.AUTHORIZATION)),
                    Optional.ofNullable(request.getHeader("X-Telops-Push-Token")).or(() -> Optional.ofNullable(request.getParam("token"))));
            if (body.length > config.maxBodyBytes()) {
                throw new PushRejectedException(Problem.typed(413, "push-too-large", "Body too large",
                        "body exceeds " + config.maxBodyBytes() + " bytes"), "too_large");
            }
            ingestor.ingest(remote, type, body).whenComplete((receipt, failure) -> {
                if (failure == null) {
                    reply(ctx.response(), 200, "application/json", receipt);
                } else {
                    fail(ctx.response(), failure instanceof java.util.concurrent.CompletionException && failure.getCause() != null
                            ? failure.getCause() : failure);
                }
            });
        } catch (RuntimeException e) {
            fail(ctx.response(), e);
        }
    }

    private void fail(HttpServerResponse response, Throwable failure) {
        if (failure instanceof PushRejectedException rejected) {
            metrics.rejectedRequest(rejected.metricReason());
            rejected.headers().forEach(response::putHeader);
            reply(response, rejected.problem().status(), Problem.MEDIA_TYPE, rejected.problem());
            return;
        }
        LOG.errorf("push failed: %s", failure.toString());
        reply(response, 500, Problem.MEDIA_TYPE, Problem.typed(500, "push-internal-error", "Internal error",
                "the push could not be processed; nothing was acknowledged"));
    }

    private static void reply(HttpServerResponse response, int status, String contentType, Object entity) {
        if (response.ended() || response.closed()) {
            return;
        }
        byte[] json;
        try {
            json = JSON.writeValueAsBytes(entity);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        response.setStatusCode(status).putHeader(HttpHeaders.CONTENT_TYPE, contentType).end(Buffer.buffer(json));
    }

    /** Above the HTTP hard stop: answered without reading the rest; {@code Connection: close} ends the connection. */
    private void refuseHard(HttpServerResponse response) {
        metrics.rejectedRequest("too_large");
        response.putHeader(HttpHeaders.CONNECTION, "close");
        reply(response, 413, Problem.MEDIA_TYPE, Problem.typed(413, "push-too-large", "Body too large",
                "body exceeds " + hardLimit + " bytes"));
    }
}
