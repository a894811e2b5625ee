package io.telops.provisioning.firmware;

import java.util.Locale;
import java.util.regex.Pattern;

import io.telops.provisioning.render.Vendor;

/** A catalogue model as firmware is filed under it: brand (a supported vendor), family and model, lower case. */
public record ModelRef(String brand, String family, String model) {
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_.-]{0,63}");

    /** Normalises and checks names taken from a request path; refuses anything that is not a plain name. */
    public static ModelRef parse(String brand, String family, String model) {
        Vendor vendor = Vendor.forBrand(brand).orElseThrow(() -> new IllegalArgumentException("no renderer for brand " + brand));
        return new ModelRef(vendor.brand(), name(family, "family"), name(model, "model"));
    }

    public Vendor vendor() {
        return Vendor.forBrand(brand).orElseThrow();
    }

    private static String name(String value, String what) {
        String v = value == null ? "" : value.toLowerCase(Locale.ROOT);
        if (!NAME.matcher(v).matches()) {
            throw new IllegalArgumentException(what + " must be 1-64 letters, digits, '.', '_' or '-'");
        }
        return v;
    }
}
