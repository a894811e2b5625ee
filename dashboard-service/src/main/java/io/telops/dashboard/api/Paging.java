package io.telops.dashboard.api;

import io.telops.contracts.MacAddress;
import io.telops.dashboard.phone.PhoneConfig;

/** Checks of the values clients pass in paths and query strings. */
final class Paging {
    private Paging() {
    }

    static void check(int page, int size, PhoneConfig config) {
        if (page < 0) {
            throw new ProblemMappers.BadRequest("page must be 0 or more");
        }
        if (size < 1 || size > config.maxPageSize()) {
            throw new ProblemMappers.BadRequest("size must be between 1 and " + config.maxPageSize());
        }
    }

    static String mac(String raw) {
        try {
            return MacAddress.normalise(raw);
        } catch (IllegalArgumentException e) {
            throw new ProblemMappers.BadRequest("not a MAC address (12 hex digits, separators allowed)");
        }
    }
}
