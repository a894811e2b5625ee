package io.telops.faults;

/**
 * An entry point of the platform the harness drives. The first three carry items the dashboard must show exactly
 * once; fetches and syncs are counted as answered or not (their events are checked by other means: see the README).
 */
public enum Flow {
    PHONE_PUSH("phone pushes -> ingest", true),
    PLIVO_CALLBACK("Plivo answer callbacks -> call-forward", true),
    AGI_CALL("FastAGI authorise+settle -> billing", true),
    PROVISIONING_FETCH("provisioning fetches", false),
    TRUNK_SYNC("VATS trunk syncs", false);

    private final String label;
    private final boolean tracked;

    Flow(String label, boolean tracked) {
        this.label = label;
        this.tracked = tracked;
    }

    public String label() {
        return label;
    }

    /** True when each acknowledged request has an item the dashboard must show exactly once. */
    public boolean tracked() {
        return tracked;
    }
}
