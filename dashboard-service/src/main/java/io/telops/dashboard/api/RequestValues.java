package io.telops.dashboard.api;

import java.util.Optional;

import jakarta.ws.rs.NotFoundException;

import io.telops.contracts.MacAddress;

/**
 * The checks the JSON API and the pages apply to what clients pass in paths and query strings. The API answers a
 * value it cannot use with a 400 problem; a page, reached by links, answers a MAC it cannot read with a 404.
 */
public final class RequestValues {
    private RequestValues() {
    }

    /** A filter value as typed: stripped, and empty when nothing is left. */
    public static Optional<String> text(String raw) {
        return Optional.ofNullable(raw).map(String::strip).filter(v -> !v.isEmpty());
    }

    public static void checkPage(int page, int size, int maxSize) {
        if (page < 0) {
            throw new ProblemMappers.BadRequest("page must be 0 or more");
        }
        if (size < 1 || size > maxSize) {
            throw new ProblemMappers.BadRequest("size must be between 1 and " + maxSize);
        }
    }

    public static int checkLimit(int limit, int max) {
        if (limit < 1 || limit > max) {
            throw new ProblemMappers.BadRequest("limit must be between 1 and " + max);
        }
        return limit;
    }

    /** A MAC in any spelling, normalised; a 400 when it is none. */
    public static String mac(String raw) {
        try {
            return MacAddress.normalise(raw);
        } catch (IllegalArgumentException e) {
            throw new ProblemMappers.BadRequest("not a MAC address (12 hex digits, separators allowed)");
        }
    }

    /** A MAC in a page's path, normalised; a 404 when it is none, as for a MAC never heard of. */
    public static String pageMac(String raw) {
        try {
            return MacAddress.normalise(raw);
        } catch (IllegalArgumentException e) {
            throw new NotFoundException("not a MAC address");
        }
    }
}
