package io.telops.dashboard.phone;

import java.util.Optional;

/**
 * A phone line as the cards show it: {@code "1: 1001@pbx.example.com"}, {@code "line 2"} or just the address.
 * Two labels name the same line when their line numbers match or, without numbers, their addresses do.
 */
public record LineLabel(Optional<Integer> number, Optional<String> address) {

    public static LineLabel of(Optional<Integer> number, Optional<String> address) {
        return new LineLabel(number, address.map(String::strip).filter(a -> !a.isEmpty()));
    }

    public String label() {
        if (number.isPresent() && address.isPresent()) {
            return number.get() + ": " + address.get();
        }
        return number.map(n -> "line " + n).orElseGet(() -> address.orElse("line ?"));
    }

    public static LineLabel parse(String label) {
        int colon = label.indexOf(": ");
        if (colon > 0 && label.substring(0, colon).chars().allMatch(Character::isDigit)) {
            return new LineLabel(Optional.of(Integer.parseInt(label.substring(0, colon))),
                    Optional.of(label.substring(colon + 2)));
        }
        if (label.matches("line \\d+")) {
            return new LineLabel(Optional.of(Integer.parseInt(label.substring(5))), Optional.empty());
        }
        return new LineLabel(Optional.empty(), Optional.of(label));
    }

    public boolean sameLine(LineLabel other) {
        if (number.isPresent() && other.number.isPresent()) {
            return number.equals(other.number);
        }
        return address.isPresent() && address.equals(other.address);
    }
}
