package io.telops.vats.restapi;

import java.util.Optional;

/**
 * One abonent as the MTS REST API lists it ({@code GET /api/abonents}).
 *
 * @param userId      "abonent id" per the API's field notes; assumed to be the cabinet's abonent entity id
 * @param phoneNumber MSISDN, which the API fills for mobile abonents only; normalised to 11 digits when it parses
 * @param extension   short number
 */
public record DirectoryAbonent(long userId, Optional<String> phoneNumber, Optional<String> extension) {
}
