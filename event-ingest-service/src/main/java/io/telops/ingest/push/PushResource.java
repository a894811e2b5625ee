package io.telops.ingest.push;

import java.util.Optional;
import java.util.concurrent.CompletionStage;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;

import io.telops.events.Problem;
import io.telops.ingest.IngestConfig;
import io.vertx.core.http.HttpServerRequest;

/**
 * The URL an operator puts in {@code apps.telNotification.URL}. Phones authenticate by their own means (subnet,
 * Basic credentials or token in the URL), not by the admin users.
 */
@Path("/polycom/events")
public class PushResource {
    private final PushGuard guard;
    private final PushIngestor ingestor;
    private final long maxBodyBytes;

    PushResource(PushGuard guard, PushIngestor ingestor, IngestConfig config) {
        this.guard = guard;
        this.ingestor = ingestor;
        this.maxBodyBytes = config.push().maxBodyBytes();
    }

    /**
     * Runs on the event loop and never blocks it: the body is read by the HTTP layer, parsed (small bodies in
     * place), and the answer is written once the push is durable (the broker's acks, or its outbox group commit).
     */
    @POST
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Telephony event notification from a Poly/Polycom phone (XML, one or several events)")
    public CompletionStage<PushIngestor.Receipt> push(byte[] body, @Context HttpServerRequest request,
                                                      @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
                                                      @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                                                      @HeaderParam("X-Telops-Push-Token") String tokenHeader,
                                                      @QueryParam("token") String tokenParam) {
        String remote = request.remoteAddress() == null ? "unknown" : request.remoteAddress().hostAddress();
        Optional<String> type = Optional.ofNullable(contentType).filter(s -> !s.isBlank());
        guard.check(remote, type, Optional.ofNullable(authorization),
                Optional.ofNullable(tokenHeader).or(() -> Optional.ofNullable(tokenParam)));
        if (body.length > maxBodyBytes) {
            throw new PushRejectedException(Problem.typed(413, "push-too-large", "Body too large",
                    "body exceeds " + maxBodyBytes + " bytes"), "too_large");
        }
        return ingestor.ingest(remote, type, body);
    }
}
