package io.telops.dashboard.trunks;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import io.quarkus.qute.TemplateData;
import io.telops.contracts.vats.TrunkState;

/**
 * One row of a trunk's history. {@code applied} is false for a change observed before the state already shown (it
 * arrived late): kept as history, it did not change the trunk.
 */
@TemplateData
public record TrunkChangeView(String id, String trunkId, Instant observedAt, List<String> changes, String origin,
                              Optional<String> actor, Optional<String> runId, Optional<TrunkState> previous,
                              Optional<TrunkState> current, boolean applied) {

    static String label(String change) {
        return change.toLowerCase(Locale.ROOT).replace('_', ' ');
    }

    public String changesText() {
        return String.join(", ", changes.stream().map(TrunkChangeView::label).toList());
    }

    public String originText() {
        return origin.toLowerCase(Locale.ROOT) + actor.map(a -> " by " + a).orElse("");
    }

    public String previousText() {
        return previous.map(TrunkChangeView::describe).orElse("—");
    }

    public String currentText() {
        return current.map(TrunkChangeView::describe).orElse("—");
    }

    private static String describe(TrunkState s) {
        return s.phoneNumber() + s.displayName().map(n -> " \"" + n + "\"").orElse("")
                + (s.activated() ? ", activated" : ", deactivated")
                + (s.markedForDeletion() ? ", marked for deletion" : "")
                + (s.bindingWorking() ? ", binding ok" : ", binding lost")
                + (s.blocked() ? ", blocked" : "")
                + (s.sipDeviceOn() ? ", sip device on" : ", sip device off");
    }
}
