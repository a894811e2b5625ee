package io.telops.vats.api;

import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.telops.events.Problem;
import io.telops.vats.client.CabinetException;
import io.telops.vats.trunk.TrunkException;

/**
 * Cabinet and trunk failures, and bad requests, as problem responses whose type names their kind
 * ({@code urn:telops:vats:<kind>}); other failures get {@code platform/events}' shared answers.
 */
public class ProblemMappers {
    @ServerExceptionMapper
    public Response cabinet(CabinetException e) {
        int status = e instanceof CabinetException.Unavailable || e instanceof CabinetException.NotConfigured ? 503 : 502;
        return problem(status, e.kind(), "The MTS cabinet failed: " + e.kind().replace('_', ' '), e.getMessage());
    }

    @ServerExceptionMapper
    public Response trunk(TrunkException e) {
        int status = e instanceof TrunkException.NotFound ? 404 : e instanceof TrunkException.SyncRefused ? 502 : 409;
        return problem(status, e.kind(), e.kind().replace('_', ' '), e.getMessage());
    }

    @ServerExceptionMapper
    public Response badRequest(IllegalArgumentException e) {
        return problem(400, "bad_request", "bad request", e.getMessage());
    }

    private static Response problem(int status, String kind, String title, String detail) {
        return new Problem("urn:telops:vats:" + kind, title, status, detail, null).response();
    }
}
