package io.telops.billing.api;

import java.io.ByteArrayInputStream;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.RouteConstants;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.telops.billing.ledger.BillingConfig;
import io.telops.billing.ledger.LedgerRejection;
import io.telops.billing.rating.RateCsv;
import io.telops.events.RouteAnswers;
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

    private final RateCsv csv;
    private final long max;
    private final RouteAnswers answers;

    RateImportRoute(RateCsv csv, BillingConfig config, ObjectMapper json) {
        this.csv = csv;
        this.max = config.rateImportMaxSize().asLongValue();
        this.answers = new RouteAnswers(json);
    }

    void routes(@Observes Router router) {
        router.route(HttpMethod.PUT, PATH).order(RouteConstants.ROUTE_ORDER_UPLOAD_LIMIT - 1).handler(this::importRates);
    }

    void importRates(RoutingContext ctx) {
        SecurityIdentity identity = ctx.user() instanceof QuarkusHttpUser u ? u.getSecurityIdentity() : null;
        if (identity == null || identity.isAnonymous() || !identity.hasRole("admin")) {
            answers.refuse(ctx, identity == null || identity.isAnonymous() ? 401 : 403, "rate imports are for admins");
            return;
        }
        String type = ctx.request().getHeader("Content-Type");
        if (type == null || !type.toLowerCase().startsWith(PlanResource.CSV)) {
            answers.refuse(ctx, 415, "the rates are a " + PlanResource.CSV + " body");
            return;
        }
        String declared = ctx.request().getHeader("Content-Length");
        if (declared != null && declared.matches("\\d{1,19}") && Long.parseLong(declared) > max) {
            answers.refuse(ctx, 413, tooLarge());
            return;
        }
        HttpServerRequest request = ctx.request();
        Buffer body = Buffer.buffer();
        boolean[] refused = {false};
        request.handler(chunk -> {
            if (!refused[0] && body.length() + chunk.length() > max) {
                refused[0] = true;
                answers.refuse(ctx, 413, tooLarge());
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
                    .onSuccess(rows -> answers.json(ctx, 200, new PlanResource.ImportResult(plan, rows)))
                    .onFailure(e -> {
                        if (e instanceof LedgerRejection r) {
                            answers.refuse(ctx, ProblemMappers.status(r), r.getMessage());
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
}
