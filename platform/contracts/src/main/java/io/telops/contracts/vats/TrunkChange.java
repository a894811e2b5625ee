package io.telops.contracts.vats;

/** One thing that changed about a trunk between two observations. */
public enum TrunkChange {
    APPEARED,
    DISAPPEARED,
    ACTIVATED,
    DEACTIVATED,
    MARKED_FOR_DELETION,
    UNMARKED_FOR_DELETION,
    BINDING_LOST,
    BINDING_RESTORED,
    BLOCKED,
    UNBLOCKED,
    SIP_DEVICE_ON,
    SIP_DEVICE_OFF,
    DETAILS_CHANGED
}
