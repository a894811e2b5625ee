package io.telops.dashboard.trunks;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.quarkus.qute.TemplateData;

/**
 * One trunk as last observed in the MTS cabinet. {@code stateAt} is when the state shown was observed;
 * {@code lastChanges} the changes of the newest change (origin SYNC, OPERATOR, or SNAPSHOT when a snapshot showed a
 * change no event had brought). {@code notInLatestSnapshot}: present here, but missing from the enterprise's newest
 * complete snapshot without a DISAPPEARED event (yet).
 */
@TemplateData
public record TrunkView(String trunkId, String enterpriseId, String phoneNumber, Optional<String> displayName,
                        boolean activated, boolean markedForDeletion, boolean bindingWorking, boolean blocked,
                        boolean sipDeviceOn, boolean present, String state, Instant stateAt, Optional<Instant> lastChangeAt,
                        List<String> lastChanges, Optional<String> lastChangeOrigin, Optional<Instant> lastSnapshotAt,
                        boolean notInLatestSnapshot, Instant firstSeenAt) {

    /** A label and its CSS class. */
    @TemplateData
    public record Badge(String label, String css) {
    }

    public String nameText() {
        return displayName.orElse("—");
    }

    public String lastChangeAtText() {
        return lastChangeAt.map(Instant::toString).orElse("—");
    }

    public String lastChangesText() {
        return lastChanges.isEmpty() ? "—" : String.join(", ", lastChanges.stream().map(TrunkChangeView::label).toList())
                + lastChangeOrigin.map(o -> " (" + o.toLowerCase(java.util.Locale.ROOT) + ")").orElse("");
    }

    /** The state word first, then every flag that is not the healthy default. */
    public List<Badge> badges() {
        List<Badge> badges = new ArrayList<>();
        badges.add(new Badge(state.replace('-', ' '), "badge-" + state));
        if (present) {
            if (!activated && !state.equals("deactivated")) {
                badges.add(new Badge("deactivated", "badge-deactivated"));
            }
            if (blocked && !state.equals("blocked")) {
                badges.add(new Badge("blocked", "badge-blocked"));
            }
            if (!bindingWorking && !state.equals("binding-lost")) {
                badges.add(new Badge("binding lost", "badge-binding-lost"));
            }
            if (bindingWorking) {
                badges.add(new Badge("binding ok", "badge-binding-ok"));
            }
            badges.add(new Badge(sipDeviceOn ? "sip device on" : "sip device off", sipDeviceOn ? "badge-sip-on" : "badge-sip-off"));
        }
        if (notInLatestSnapshot) {
            badges.add(new Badge("not in snapshot", "badge-not-in-snapshot"));
        }
        return badges;
    }
}
