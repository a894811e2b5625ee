package io.telops.provisioning.api;

import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.telops.provisioning.device.DeviceService;
import io.telops.provisioning.render.RenderException;

/** RFC 9457 problem bodies for the admin API's client errors. */
public class ProblemMappers {
    public record Problem(String type, String title, int status, String detail) {
    }

    @ServerExceptionMapper
    public Response invalid(IllegalArgumentException e) {
        return problem(422, "Invalid request", e.getMessage());
    }

    @ServerExceptionMapper
    public Response render(RenderException e) {
        return problem(422, "Template cannot be rendered", e.getMessage());
    }

    @ServerExceptionMapper
    public Response notFound(NotFoundException e) {
        return problem(404, "Not found", e.getMessage());
    }

    @ServerExceptionMapper
    public Response conflict(DeviceService.ConflictException e) {
        return problem(409, "Conflict", e.getMessage());
    }

    @ServerExceptionMapper
    public Response unreadable(com.fasterxml.jackson.core.JsonProcessingException e) {
        return problem(400, "Malformed JSON", e.getOriginalMessage());
    }

    static Response problem(int status, String title, String detail) {
        return Response.status(status).type("application/problem+json")
                .entity(new Problem("about:blank", title, status, detail == null ? title : detail)).build();
    }

    static MediaType json() {
        return MediaType.APPLICATION_JSON_TYPE;
    }
}
