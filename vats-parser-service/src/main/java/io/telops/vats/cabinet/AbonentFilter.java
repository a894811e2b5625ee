package io.telops.vats.cabinet;

import java.util.Optional;

/**
 * The tri-state filters of the abonent list ("Все" = empty). Only two of the UI's three groups are
 * located on the wire (request fields F3 and F4, see {@link AbonentListLayout}); the seed's working
 * request used {@code activated = false} at F4 (README: {@code {filter}} = {@code -2}).
 */
public record AbonentFilter(Optional<Boolean> blocked, Optional<Boolean> activated) {
    public static final AbonentFilter ALL = new AbonentFilter(Optional.empty(), Optional.empty());

    /**
     * The seed README's {@code {filter}} values for F4, "0, -1, -2", the three options of a UI filter group:
     * {@code 0} is null ("Все"), {@code -2} is the seed's own request, a back-reference to F2's
     * {@code Boolean.FALSE}, and {@code -1} is the remaining option, TRUE [assumed]. The token {@code -1} itself is
     * never sent: it would refer back to object #1, the request model, which a {@code Boolean} field cannot hold,
     * so GWT's server would refuse the request; TRUE goes out as a {@code Boolean} object instead.
     */
    public static AbonentFilter ofSeedCode(int code) {
        return switch (code) {
            case 0 -> ALL;
            case -1 -> new AbonentFilter(Optional.empty(), Optional.of(true));
            case -2 -> new AbonentFilter(Optional.empty(), Optional.of(false));
            default -> throw new IllegalArgumentException("abonent list filter " + code
                    + " is not one of the seed's values 0, -1 or -2 (all, activated, not activated)");
        };
    }
}
