package io.telops.dashboard.api;

import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.QueryParam;

/** The {@code page} (from 0) and {@code size} query parameters of every paged list in the JSON API. */
public record PageRequest(@QueryParam("page") @DefaultValue("0") int page, @QueryParam("size") @DefaultValue("50") int size) {
    /** The largest page the balances, call-forward and trunks lists serve; phones and devices have their own setting. */
    public static final int MAX_SIZE = 200;

    /** This request, or a 400 problem when the page is negative or the size outside 1 to {@code maxSize}. */
    public PageRequest within(int maxSize) {
        if (page < 0) {
            throw new ProblemMappers.BadRequest("page must be 0 or more");
        }
        if (size < 1 || size > maxSize) {
            throw new ProblemMappers.BadRequest("size must be between 1 and " + maxSize);
        }
        return this;
    }
}
