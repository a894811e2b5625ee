package io.telops.dashboard.devices;

import java.util.Arrays;
import java.util.Locale;

/**
 * What the devices view says about a device, strongest first: deleted, disabled, refused fetches since its last good
 * one (within the recent window), pending (never fetched, or fetched something older than its current config),
 * provisioned (fetched the current template version after the last config change).
 */
public enum DeviceStatus {
    DELETED,
    DISABLED,
    AUTH_FAILING,
    PENDING,
    PROVISIONED;

    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static DeviceStatus fromLabel(String label) {
        return Arrays.stream(values()).filter(s -> s.label().equalsIgnoreCase(label)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("status must be one of "
                        + Arrays.stream(values()).map(DeviceStatus::label).toList()));
    }
}
