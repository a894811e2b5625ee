package io.telops.dashboard.devices;

import java.util.Locale;
import java.util.Optional;

import io.telops.dashboard.api.RequestValues;

/**
 * What an operator narrows the devices list by; filters combine with AND. {@code mac} is a fragment in any spelling,
 * {@code model} a case-insensitive fragment of brand, family, model or template id.
 */
public record DeviceFilter(Optional<String> mac, Optional<String> model, Optional<DeviceStatus> status) {

    public static DeviceFilter of(String mac, String model, String status) {
        return new DeviceFilter(RequestValues.text(mac).map(m -> m.replaceAll("[:\\-.]", "").toUpperCase(Locale.ROOT)), RequestValues.text(model),
                RequestValues.text(status).map(DeviceStatus::fromLabel));
    }

    public boolean isEmpty() {
        return mac.isEmpty() && model.isEmpty() && status.isEmpty();
    }
}
