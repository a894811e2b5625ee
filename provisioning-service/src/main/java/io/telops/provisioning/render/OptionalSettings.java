package io.telops.provisioning.render;

import java.util.Set;

/**
 * Placeholders whose empty value means "not used": a setting whose template value uses one of them while it is
 * empty is left out of the file (Snom's {@code url {PHONEBOOK_URL}} as well as Yealink's lone placeholder), so the
 * phone keeps its own value (no firmware upgrade, no remote phonebook) instead of getting an empty or half URL.
 * Their defaults are empty.
 */
public final class OptionalSettings {
    public static final Set<String> NAMES = Set.of("FIRMWARE_URL", "FIRMWARE_VERSION", "PHONEBOOK_URL");

    private OptionalSettings() {
    }

    /** True when {@code templateValue} uses an optional placeholder whose value is empty (or blank). */
    static boolean usesEmptyOptional(String templateValue, java.util.Map<String, String> vars) {
        for (String name : PlaceholderTemplate.parse(templateValue).placeholderNames()) {
            if (NAMES.contains(name) && vars.getOrDefault(name, "").isBlank()) {
                return true;
            }
        }
        return false;
    }
}
