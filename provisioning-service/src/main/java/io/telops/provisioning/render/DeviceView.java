package io.telops.provisioning.render;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Everything a renderer needs to know about one device: its MAC, its lines and keys, and its
 * effective settings (global, site, model and device layers already merged; keys are placeholder names).
 */
public record DeviceView(String mac, List<LineView> lines, List<KeyView> keys, Map<String, String> settings) {
    public DeviceView {
        if (!io.telops.contracts.MacAddress.isNormalised(mac)) {
            throw new IllegalArgumentException("device MAC must be normalised");
        }
        lines = lines.stream().sorted(Comparator.comparingInt(LineView::position)).toList();
        keys = keys.stream().sorted(Comparator.comparingInt(KeyView::module).thenComparingInt(KeyView::position)).toList();
        settings = Map.copyOf(Objects.requireNonNull(settings));
    }

    public String setting(String name, String fallback) {
        return settings.getOrDefault(name, fallback);
    }
}
