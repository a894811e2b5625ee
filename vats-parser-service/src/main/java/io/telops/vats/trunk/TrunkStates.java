package io.telops.vats.trunk;

import java.util.Optional;

import io.telops.contracts.vats.TrunkState;
import io.telops.vats.cabinet.AbonentRow;

/** From the cabinet's row to the published state. */
public final class TrunkStates {
    /** Skip reasons, also the {@code reason} tag of {@code vats_sync_rows_skipped_total}. */
    public static final String NO_PHONE = "no_phone";
    public static final String INVALID_PHONE = "invalid_phone";

    private TrunkStates() {
    }

    /**
     * Why this row cannot become a trunk state, if it cannot: MTS fills the number only for some
     * abonents, and a trunk is known by its number.
     */
    public static Optional<String> unusable(AbonentRow row) {
        Optional<String> raw = row.phoneNumber().filter(n -> !n.isBlank());
        if (raw.isEmpty()) {
            return Optional.of(NO_PHONE);
        }
        try {
            normalise(raw.get());
            return Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.of(INVALID_PHONE);
        }
    }

    /** The state of a row that is not {@link #unusable}. */
    public static TrunkState of(AbonentRow row) {
        String phone = normalise(row.phoneNumber()
                .orElseThrow(() -> new IllegalArgumentException("abonent " + row.id() + " has no phone number")));
        return new TrunkState(phone, row.userName().filter(s -> !s.isBlank()), row.activated(), row.markedForDeletion(),
                row.bindingWorking(), row.blocked(), !row.deviceOff());
    }

    /** 11 digits starting with 7 from the forms people type: +7 916 ..., 8916..., 916... */
    public static String normalise(String number) {
        String digits = number.replaceAll("[^0-9]", "");
        if (digits.length() == 10) {
            digits = "7" + digits;
        } else if (digits.length() == 11 && digits.charAt(0) == '8') {
            digits = "7" + digits.substring(1);
        }
        if (!digits.matches("7\\d{10}")) {
            throw new IllegalArgumentException("not a Russian phone number: " + number);
        }
        return digits;
    }
}
