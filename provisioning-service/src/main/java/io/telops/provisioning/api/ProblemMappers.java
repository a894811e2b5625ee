package io.telops.provisioning.api;

import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.telops.events.Problem;
import io.telops.provisioning.device.DeviceService;
import io.telops.provisioning.render.RenderException;

/**
 * The admin API's own refusals as problem+json: invalid devices and templates are 422 here (the platform default
 * for {@code IllegalArgumentException} is 400), conflicts 409. Malformed JSON and unknown paths are answered by
 * {@code platform/events}' shared mappers.
 */
public class ProblemMappers {
    private static final int UNPROCESSABLE = 422;

    @ServerExceptionMapper
    public Response invalid(IllegalArgumentException e) {
        return Problem.response(UNPROCESSABLE, "Invalid request", e.getMessage());
    }

    @ServerExceptionMapper
    public Response render(RenderException e) {
        return Problem.response(UNPROCESSABLE, "Template cannot be rendered", e.getMessage());
    }

    @ServerExceptionMapper
    public Response conflict(DeviceService.ConflictException e) {
        return Problem.response(Response.Status.CONFLICT, e.getMessage());
    }
}
