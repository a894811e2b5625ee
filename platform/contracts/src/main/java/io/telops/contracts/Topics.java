package io.telops.contracts;

import java.util.List;

/** The Kafka topics of the platform: one per producing domain. */
public final class Topics {
    /** Key: phone MAC, 12 upper-case hex digits. */
    public static final String PHONE_EVENTS = "telops.phone-events";
    /** Key: Plivo call UUID or forwarding line id. */
    public static final String CALL_EVENTS = "telops.call-events";
    /** Key: device MAC, 12 upper-case hex digits. */
    public static final String PROVISIONING_EVENTS = "telops.provisioning-events";
    /** Key: billing account id. */
    public static final String BILLING_EVENTS = "telops.billing-events";
    /** Key: MTS VATS trunk id. */
    public static final String VATS_TRUNKS = "telops.vats-trunks";

    public static final List<String> ALL =
            List.of(PHONE_EVENTS, CALL_EVENTS, PROVISIONING_EVENTS, BILLING_EVENTS, VATS_TRUNKS);

    /**
     * event-ingest-service's own log of raw pushes (key: first MAC of the push). Not an API for other teams: listed
     * here because operators create it with the others.
     */
    public static final String INGEST_RAW_PUSHES = "telops.ingest.raw-pushes";

    /** Topics a service keeps for itself; the deployment creates them alongside {@link #ALL}. */
    public static final List<String> INTERNAL = List.of(INGEST_RAW_PUSHES);

    private Topics() {
    }
}
