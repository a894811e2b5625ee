package io.telops.contracts.vats;

/**
 * An event about one trunk, keyed by trunk id (the cabinet's abonent entity id, decimal).
 */
public sealed interface VatsTrunkEvent extends VatsEvent permits TrunkChanged, TrunkSnapshot {
    String trunkId();

    @Override
    default String key() {
        return trunkId();
    }
}
