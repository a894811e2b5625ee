package io.telops.contracts.vats;

/** Who caused a trunk change to be observed: a cabinet sync, or an operator action through this platform. */
public enum TrunkChangeOrigin {
    SYNC,
    OPERATOR
}
