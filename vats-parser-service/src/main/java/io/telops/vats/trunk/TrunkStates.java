package io.telops.vats.trunk;

import io.telops.contracts.vats.TrunkState;
import io.telops.vats.cabinet.AbonentRow;
import io.telops.vats.client.CabinetException;

/** From the cabinet's row to the published state. */
public final class TrunkStates {
    private TrunkStates() {
    }

    public static TrunkState of(AbonentRow row) {
        String raw = row.phoneNumber()
                .orElseThrow(() -> new CabinetException.UnexpectedLayout("abonent " + row.id() + " has no phone number", null));
        String phone;
        try {
            phone = normalise(raw);
        } catch (IllegalArgumentException e) {
            throw new CabinetException.UnexpectedLayout("abonent " + row.id() + ": " + e.getMessage(), e);
        }
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
