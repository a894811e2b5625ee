package io.telops.dashboard.devices;

import io.telops.dashboard.domain.Labelled;

/**
 * What the devices view says about a device, strongest first: deleted, disabled, refused fetches since its last good
 * one (within the recent window), pending (never fetched, or fetched something older than its current config),
 * provisioned (fetched the current template version after the last config change).
 */
public enum DeviceStatus implements Labelled {
    DELETED,
    DISABLED,
    AUTH_FAILING,
    PENDING,
    PROVISIONED;

    public static DeviceStatus fromLabel(String label) {
        return Labelled.parse(DeviceStatus.class, "status", label);
    }
}
