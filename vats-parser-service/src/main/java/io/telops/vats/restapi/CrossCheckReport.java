package io.telops.vats.restapi;

import java.time.Instant;
import java.util.List;

/**
 * The last cross-check of the scraped trunks against the REST API's abonent list. It is reported only
 * (metrics, health, log, {@code GET /api/cabinet/abonent-check}); it never changes what a sync stores or publishes.
 *
 * @param state            {@code match}, {@code mismatch}, {@code unauthorized}, {@code unavailable},
 *                         {@code unexpected_answer}, {@code not_configured} or {@code pending}
 * @param missingInApi     keys of scraped trunks the API does not list (at most {@link #SAMPLE} of them)
 * @param missingInCabinet keys the API lists that the cabinet's pages did not show (at most {@link #SAMPLE})
 */
public record CrossCheckReport(String state, Instant at, MatchBy matchBy, int cabinetCount, int apiCount,
                               int missingInApiCount, int missingInCabinetCount, List<String> missingInApi,
                               List<String> missingInCabinet, String detail) {
    public static final int SAMPLE = 50;

    public CrossCheckReport {
        missingInApi = List.copyOf(missingInApi);
        missingInCabinet = List.copyOf(missingInCabinet);
    }

    public static CrossCheckReport without(String state, MatchBy matchBy, String detail) {
        return new CrossCheckReport(state, Instant.now(), matchBy, 0, 0, 0, 0, List.of(), List.of(), detail);
    }

    /** Match or not configured: nothing for an operator to do. */
    public boolean healthy() {
        return state.equals("match") || state.equals("not_configured") || state.equals("pending");
    }
}
