package io.telops.events;

import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * An RFC 9457 problem document, the body of every 4xx/5xx of the platform: {@code type} (a URI, {@code about:blank}
 * when the status says it all), {@code title}, {@code status}, {@code detail} and, when known, {@code instance}
 * (the request path), the shape {@code io.telops.security.AuthFailureProblems} answers 401/403 with.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, String instance) {
    public static final String MEDIA_TYPE = "application/problem+json";
    public static final String BLANK = "about:blank";
    /** The platform's own problem types, for answers a client branches on: {@code TYPES + "push-too-large"}. */
    public static final String TYPES = "https://telops.io/problems/";

    /** An {@code about:blank} problem titled with the status's reason phrase. */
    public static Problem of(int status, String detail) {
        return of(status, reasonPhrase(status), detail);
    }

    /** An {@code about:blank} problem; a missing detail repeats the title. */
    public static Problem of(int status, String title, String detail) {
        return new Problem(BLANK, title, status, detail == null ? title : detail, null);
    }

    /** A problem of the platform's own type {@code slug}, a URI under {@link #TYPES}. */
    public static Problem typed(int status, String slug, String title, String detail) {
        return new Problem(TYPES + slug, title, status, detail, null);
    }

    public Problem at(String path) {
        return new Problem(type, title, status, detail, path);
    }

    public Response response() {
        return Response.status(status).type(MEDIA_TYPE).entity(this).build();
    }

    public static Response response(int status, String detail) {
        return of(status, detail).response();
    }

    public static Response response(Response.Status status, String detail) {
        return of(status.getStatusCode(), status.getReasonPhrase(), detail).response();
    }

    public static Response response(int status, String title, String detail) {
        return of(status, title, detail).response();
    }

    /** The standard reason phrase ("Not Found"), or "HTTP 4xx" for a status JAX-RS does not name. */
    public static String reasonPhrase(int status) {
        Response.Status known = Response.Status.fromStatusCode(status);
        return known != null ? known.getReasonPhrase() : "HTTP " + status;
    }
}
