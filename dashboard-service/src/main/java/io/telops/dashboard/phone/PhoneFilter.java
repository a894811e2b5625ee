package io.telops.dashboard.phone;

import java.util.Optional;

/**
 * What an operator searches phones by. {@code text} matches any of MAC, IP, model, line, user, party name
 * or number; the others narrow to one of them. All matches are case-insensitive substrings.
 */
public record PhoneFilter(Optional<String> text, Optional<String> mac, Optional<String> line,
                          Optional<String> party, Optional<PhoneState> status) {


    public boolean isEmpty() {
        return text.isEmpty() && mac.isEmpty() && line.isEmpty() && party.isEmpty() && status.isEmpty();
    }
}
