package io.telops.provisioning.render;

import java.util.List;

/** A template needs values nobody set: every missing placeholder at once, sorted, so the operator fixes them in one go. */
public final class MissingSettingsException extends RenderException {
    private final List<String> missing;

    public MissingSettingsException(List<String> missing) {
        super("no value for " + String.join(", ", missing.stream().map(m -> "{" + m + "}").toList()));
        this.missing = List.copyOf(missing);
    }

    public List<String> missing() {
        return missing;
    }
}
