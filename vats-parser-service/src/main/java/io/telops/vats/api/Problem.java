package io.telops.vats.api;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** An RFC 9457 problem body. */
public record Problem(String type, String title, int status, String detail) {
    static Response response(int status, String kind, String title, String detail) {
        return Response.status(status).type(MediaType.valueOf("application/problem+json"))
                .entity(new Problem("urn:telops:vats:" + kind, title, status, detail)).build();
    }
}
