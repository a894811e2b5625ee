package io.telops.billing.api;

import jakarta.ws.rs.core.Response;

/** Problem responses of this API, built by {@code platform/events}; kept for the login form's two answers. */
public final class Problem {
    public static final String MEDIA_TYPE = io.telops.events.Problem.MEDIA_TYPE;

    private Problem() {
    }

    public static Response response(Response.Status status, String detail) {
        return io.telops.events.Problem.response(status, detail);
    }
}
