package io.telops.vats.trunk;

/** What adding a SIP device did for one number. */
public enum DeviceOutcome {
    /** A new SIP device was created and switched on. */
    CREATED,
    /** The number's existing device was switched back on. */
    RESTORED,
    /** The number already had a working device; nothing was sent. */
    ALREADY_PRESENT,
    /** No known trunk has this number. */
    UNKNOWN_NUMBER,
    /** Not a phone number. */
    INVALID_NUMBER,
    /** The cabinet failed; see the detail. */
    FAILED
}
