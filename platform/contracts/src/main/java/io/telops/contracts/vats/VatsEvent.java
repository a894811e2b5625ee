package io.telops.contracts.vats;

import java.time.Instant;

/**
 * An event of {@code telops.vats-trunks}: a trunk's own events, keyed by trunk id, or an event about a whole
 * enterprise's sync, keyed by the enterprise id.
 */
public sealed interface VatsEvent permits VatsTrunkEvent, SyncGuardTripped {
    /** The Kafka record key (and {@code ce_subject}). */
    String key();

    String enterpriseId();

    Instant observedAt();
}
