package io.telops.billing.api;

import java.io.ByteArrayInputStream;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.RouteConstants;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.telops.billing.ledger.BillingConfig;
import io.telops.billing.ledger.LedgerRejection;
import io.telops.billing.rating.RateCsv;
import io.telops.events.Problem;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code PUT /api/plans/{name}/rates} (text/csv): replaces a plan's rates with the file's. A Vert.x route rather than a
 * REST method because it runs ahead of Quarkus' global body limit ({@code quarkus.http.limits.max-body-size}, 1M for
 * the JSON API) and applies {@code telops.billing.rate-import-max-size} (32M, some 500,000 prefixes) instead. Admins
 * only, by the HTTP permission {@code rate-import} and again here. Past the limit: 413, nothing imported.
 */
@ApplicationScoped
public class RateImportRoute {
    public static final String PATH = "/api/plans/:name/rates";
    private static final long DRAIN_TIMEOUT_MS = 10_000;

    private final RateCsv csv;
    private final long max;
    private final ObjectMapper json;

    RateImportRoute(RateCsv csv, BillingConfig config, ObjectMapper json) {
        this.csv = csv;
        this.max = config.rateImportMaxSize().asLongValue();
        this.json = json;
    }

    void routes(@Observes Router router) {
        router.route(HttpMethod.PUT, PATH).order(RouteConstants.ROUTE_ORDER_UPLOAD_LIMIT - 1).handler(this::importRates);
    }

    void importRates(RoutingContext ctx) {
        SecurityIdentity identity = ctx.user() instanceof QuarkusHttpUser u ? u.getSecurityIdentity() : null;
        if (identity == null || identity.isAnonymous() || !identity.hasRole("admin")) {
            refuse(ctx, identity == null || identity.isAnonymous() ? 401 : 403, "rate imports are for admins");
            return;
        }
        String type = ctx.request().getHeader("Content-Type");
        if (type == null || !type.toLowerCase().startsWith(PlanResource.CSV)) {
            refuse(ctx, 415, "the rates are a " + PlanResource.CSV + " body");
            return;
        }
        String declared = ctx.request().getHeader("Content-Length");
        if (declared != null && declared.matches("\\d{1,19}") && Long.parseLong(declared) > max) {
            refuse(ctx, 413, tooLarge());
            return;
        }
        HttpServerRequest request = ctx.request();
        Buffer body = Buffer.buffer();
        boolean[] refused = {false};
        request.handler(chunk -> {
            if (!refused[0] && body.length() + chunk.length() > max) {
                refused[0] = true;
                refuse(ctx, 413, tooLarge());
            } else if (!refused[0]) {
                body.appendBuffer(chunk);
            }
        });
        request.endHandler(v -> {
            if (refused[0]) {
                return;
            }
            String plan = ctx.pathParam("name");
            ctx.vertx().executeBlocking(() -> csv.importRates(plan, new ByteArrayInputStream(body.getBytes())), false)
                    .onSuccess(rows -> ctx.response().putHeader("Content-Type", "application/json")
                            .end(write(new PlanResource.ImportResult(plan, rows))))
                    .onFailure(e -> {
                        if (e instanceof LedgerRejection r) {
                            refuse(ctx, ProblemMappers.status(r), r.getMessage());
                        } else {
                            ctx.fail(e);
                        }
                    });
        });
        if ("100-continue".equalsIgnoreCase(request.getHeader("Expect"))) {
            ctx.response().writeContinue();
        }
    }

    private String tooLarge() {
        return "the file is larger than " + max + " bytes (telops.billing.rate-import-max-size)";
    }

    /**
     * A problem+json refusal. A body not read yet is read and dropped, so a client that sends it anyway reaches the
     * point of reading this answer instead of a reset; the connection is closed at its end, or after
     * {@link #DRAIN_TIMEOUT_MS} for a client that keeps sending.
     */
    private void refuse(RoutingContext ctx, int status, String detail) {
        if (ctx.response().ended()) {
            return;
        }
        HttpServerRequest request = ctx.request();
        boolean bodyUnread = !request.isEnded();
        var response = ctx.response().setStatusCode(status).putHeader("Content-Type", Problem.MEDIA_TYPE);
        if (bodyUnread) {
            response.putHeader("Connection", "close"); // so the client does not reuse what is closed below
        }
        response.end(write(Problem.of(status, detail).at(request.path())));
        if (bodyUnread) {
            long timer = ctx.vertx().setTimer(DRAIN_TIMEOUT_MS, t -> request.connection().close());
            request.handler(dropped -> { });
            request.endHandler(v -> {
                ctx.vertx().cancelTimer(timer);
                request.connection().close();
            });
            request.resume();
        }
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
