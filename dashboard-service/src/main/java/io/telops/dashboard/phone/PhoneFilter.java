package io.telops.dashboard.phone;

import java.util.Optional;

/**
 * What an operator searches phones by. {@code text} matches any of MAC, IP, model, line, user, party name
 * or number; the others narrow to one of them. All matches are case-insensitive substrings.
 */
public record PhoneFilter(Optional<String> text, Optional<String> mac, Optional<String> line,
                          Optional<String> party, Optional<PhoneState> status) {

    public static PhoneFilter none() {
        return new PhoneFilter(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    }

    public static PhoneFilter text(String text) {
        return new PhoneFilter(clean(text), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    }

    public static Optional<String> clean(String value) {
        return Optional.ofNullable(value).map(String::strip).filter(v -> !v.isEmpty());
    }

    public boolean isEmpty() {
        return text.isEmpty() && mac.isEmpty() && line.isEmpty() && party.isEmpty() && status.isEmpty();
    }
}
