package io.telops.provisioning.render;

/**
 * The seed's {@code usr_keys}: how many programmable keys the phone and each expansion module have,
 * the first number the vendor gives such a key ({@code *_counter}: 0 or 1 depending on the vendor),
 * and the setting name the keys are written under ({@code fkey}, {@code linekey}, {@code prgkey}...).
 */
public record UsrKeys(int phoneKeys, int phoneKeyCounter, String phoneKeyValue,
                      int moduleKeys, int moduleKeyCounter, String moduleKeyValue) {
    public UsrKeys {
        if (phoneKeys < 0 || moduleKeys < 0 || phoneKeyCounter < 0 || moduleKeyCounter < 0) {
            throw new IllegalArgumentException("usr_keys counts and counters must not be negative");
        }
        phoneKeyValue = phoneKeyValue == null ? "" : phoneKeyValue;
        moduleKeyValue = moduleKeyValue == null ? "" : moduleKeyValue;
    }

    public static UsrKeys none() {
        return new UsrKeys(0, 1, "", 0, 1, "");
    }
}
