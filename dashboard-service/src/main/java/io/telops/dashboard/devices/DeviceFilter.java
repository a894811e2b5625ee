package io.telops.dashboard.devices;

import java.util.Locale;
import java.util.Optional;

/**
 * What an operator narrows the devices list by; filters combine with AND. {@code mac} is a fragment in any spelling,
 * {@code model} a case-insensitive fragment of brand, family, model or template id.
 */
public record DeviceFilter(Optional<String> mac, Optional<String> model, Optional<DeviceStatus> status) {

    public static DeviceFilter of(String mac, String model, String status) {
        return new DeviceFilter(clean(mac).map(m -> m.replaceAll("[:\\-.]", "").toUpperCase(Locale.ROOT)), clean(model),
                clean(status).map(DeviceStatus::fromLabel));
    }

    public boolean isEmpty() {
        return mac.isEmpty() && model.isEmpty() && status.isEmpty();
    }

    static Optional<String> clean(String value) {
        return Optional.ofNullable(value).map(String::strip).filter(v -> !v.isEmpty());
    }
}
