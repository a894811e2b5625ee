package io.telops.provisioning.resync;

import java.util.List;
import java.util.Optional;

/**
 * Which devices to re-sync: exactly one of a list of MACs, a site, a model (brand, family and model), or all.
 * Absent fields are not part of the selection.
 */
public record ResyncSelection(Optional<List<String>> macs, Optional<String> site, Optional<String> brand,
                              Optional<String> family, Optional<String> model, Optional<Boolean> all) {
    public static final int MAX_MACS = 10_000;

    /** The one selector given, checked; anything else is a 422. */
    public Selector selector() {
        int given = (macs.isPresent() ? 1 : 0) + (site.isPresent() ? 1 : 0)
                + (brand.isPresent() || family.isPresent() || model.isPresent() ? 1 : 0) + (all.orElse(false) ? 1 : 0);
        if (given != 1) {
            throw new IllegalArgumentException("name exactly one of: macs, site, brand+family+model, all=true");
        }
        if (macs.isPresent()) {
            if (macs.get().isEmpty() || macs.get().size() > MAX_MACS) {
                throw new IllegalArgumentException("macs: 1 to " + MAX_MACS + " MAC addresses");
            }
            return new Selector.Macs(macs.get());
        }
        if (site.isPresent()) {
            return new Selector.Site(site.get());
        }
        if (brand.isPresent()) {
            if (family.isEmpty() || model.isEmpty()) {
                throw new IllegalArgumentException("a model is named by brand, family and model together");
            }
            return new Selector.Model(brand.get(), family.get(), model.get());
        }
        return new Selector.All();
    }

    public sealed interface Selector {
        record Macs(List<String> macs) implements Selector {
        }

        record Site(String id) implements Selector {
        }

        record Model(String brand, String family, String model) implements Selector {
        }

        record All() implements Selector {
        }
    }
}
