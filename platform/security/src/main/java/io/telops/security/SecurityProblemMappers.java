package io.telops.security;

import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;

/** The REST layer's 401 and 403 (role checks, lazy authentication) as problem documents with their challenge. */
public class SecurityProblemMappers {
    @ServerExceptionMapper({UnauthorizedException.class, AuthenticationFailedException.class})
    public Uni<Response> unauthorized(RoutingContext context) {
        return AuthFailureProblems.unauthorized(context).map(SecurityProblemMappers::response);
    }

    @ServerExceptionMapper(ForbiddenException.class)
    public Response forbidden(RoutingContext context) {
        return response(AuthFailureProblems.forbidden(context.request().path()));
    }

    private static Response response(AuthFailureProblems.Answer answer) {
        Response.ResponseBuilder builder = Response.status(answer.status());
        answer.headers().forEach(builder::header);
        if (answer.body() != null) {
            builder.type(AuthFailureProblems.MEDIA_TYPE).entity(answer.body());
        }
        return builder.build();
    }
}
