package io.telops.dashboard.api;

import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

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

    /** A page's filter choice: one of {@code labels}, else none, so an unknown value in the address bar shows everything. */
    public static Optional<String> choice(String raw, List<String> labels) {
        return text(raw).filter(labels::contains);
    }

    public static int checkLimit(int limit, int max) {
        if (limit < 1 || limit > max) {
            throw new ProblemMappers.BadRequest("limit must be between 1 and " + max);
        }
        return limit;
    }

    /** A value parsed from what the client sent; a 400 problem with the parser's message when it does not parse. */
    public static <T> T valid(Supplier<T> parse) {
        try {
            return parse.get();
        } catch (IllegalArgumentException e) {
            throw new ProblemMappers.BadRequest(e.getMessage());
        }
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
