package io.telops.provisioning.render;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** Shared writer of line-oriented {@code key<separator>value} formats. */
final class PlainRenderer {
    private PlainRenderer() {
    }

    static String lines(Map<Section, List<Setting>> expanded, Pattern validName, String separator, String what) {
        StringBuilder out = new StringBuilder();
        for (Section section : Section.values()) {
            for (Setting s : expanded.get(section)) {
                VendorRenderer.requireName(validName, s.name(), what);
                out.append(s.name()).append(separator).append(ConfigEscaping.plainValue(s.value())).append('\n');
            }
        }
        return out.toString();
    }
}
