package io.telops.contracts.vats;

import java.time.Instant;

/**
 * An event of {@code telops.vats-trunks}, keyed by trunk id (the cabinet's abonent entity id, decimal).
 */
public sealed interface VatsTrunkEvent permits TrunkChanged, TrunkSnapshot {
    String trunkId();

    String enterpriseId();

    Instant observedAt();
}
