package io.telops.vats.cabinet;

import java.util.Optional;

/**
 * The tri-state filters of the abonent list ("Все" = empty). Only two of the UI's three groups are
 * located on the wire (request fields F3 and F4, see {@link AbonentListLayout}); the seed's working
 * request used {@code activated = false} at F4 (README: {@code {filter}} = {@code -2}).
 */
public record AbonentFilter(Optional<Boolean> blocked, Optional<Boolean> activated) {
    public static final AbonentFilter ALL = new AbonentFilter(Optional.empty(), Optional.empty());
}
