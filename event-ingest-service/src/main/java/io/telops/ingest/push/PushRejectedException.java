package io.telops.ingest.push;

import java.util.Map;

import io.telops.events.Problem;

/** A push refused as a whole; becomes a 4xx with a problem body (and, for 401, a challenge). */
public class PushRejectedException extends RuntimeException {
    private final Problem problem;
    private final String metricReason;
    private final Map<String, String> headers;

    public PushRejectedException(Problem problem, String metricReason, Map<String, String> headers) {
        super(problem.detail(), null, false, false);
        this.problem = problem;
        this.metricReason = metricReason;
        this.headers = headers;
    }

    public PushRejectedException(Problem problem, String metricReason) {
        this(problem, metricReason, Map.of());
    }

    public Problem problem() {
        return problem;
    }

    public String metricReason() {
        return metricReason;
    }

    public Map<String, String> headers() {
        return headers;
    }
}
