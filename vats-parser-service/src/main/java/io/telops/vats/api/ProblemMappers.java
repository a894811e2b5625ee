package io.telops.vats.api;

import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.telops.vats.client.CabinetException;
import io.telops.vats.trunk.TrunkException;

/** Cabinet and trunk failures as problem responses that name their kind. */
public class ProblemMappers {
    @ServerExceptionMapper
    public Response cabinet(CabinetException e) {
        int status = e instanceof CabinetException.Unavailable || e instanceof CabinetException.NotConfigured ? 503 : 502;
        return Problem.response(status, e.kind(), "The MTS cabinet failed: " + e.kind().replace('_', ' '), e.getMessage());
    }

    @ServerExceptionMapper
    public Response trunk(TrunkException e) {
        int status = e instanceof TrunkException.NotFound ? 404 : e instanceof TrunkException.SyncRefused ? 502 : 409;
        return Problem.response(status, e.kind(), e.kind().replace('_', ' '), e.getMessage());
    }

    @ServerExceptionMapper
    public Response badRequest(IllegalArgumentException e) {
        return Problem.response(400, "bad_request", "bad request", e.getMessage());
    }
}
