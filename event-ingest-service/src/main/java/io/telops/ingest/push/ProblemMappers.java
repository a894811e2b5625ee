package io.telops.ingest.push;

import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.telops.events.Problem;
import io.telops.ingest.metrics.IngestMetrics;

/** Turns refused pushes into problem responses and counts them. */
public class ProblemMappers {
    private final IngestMetrics metrics;

    ProblemMappers(IngestMetrics metrics) {
        this.metrics = metrics;
    }

    @ServerExceptionMapper
    public Response rejected(PushRejectedException e) {
        metrics.rejectedRequest(e.metricReason());
        Response.ResponseBuilder response = Response.status(e.problem().status())
                .type(Problem.MEDIA_TYPE).entity(e.problem());
        e.headers().forEach(response::header);
        return response.build();
    }
}
