package io.telops.callforward.line;

import java.util.Optional;

/** Which numbers to rent for a new line: Plivo search filters, and whether to add a voicemail number. */
public record RentalRequest(String countryIso, String type, Optional<String> region, Optional<String> pattern,
                            boolean voicemailNumber) {
    public RentalRequest {
        countryIso = countryIso == null || countryIso.isBlank() ? "US" : countryIso.trim().toUpperCase(java.util.Locale.ROOT);
        if (!countryIso.matches("[A-Z]{2}")) {
            throw new IllegalArgumentException("countryIso must be an ISO 3166 alpha-2 code");
        }
        type = type == null || type.isBlank() ? "local" : type;
        if (!type.matches("fixed|mobile|any|local|tollfree|national")) {
            throw new IllegalArgumentException("type must be one of fixed, mobile, any, local, tollfree, national");
        }
        region = region == null ? Optional.empty() : region.filter(r -> !r.isBlank());
        pattern = pattern == null ? Optional.empty() : pattern.filter(p -> !p.isBlank());
        if (pattern.filter(p -> !p.matches("[0-9*]{1,16}")).isPresent()) {
            throw new IllegalArgumentException("pattern: digits and * only");
        }
    }
}
