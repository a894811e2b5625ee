package io.telops.callforward.line;

/** Ring the SIP endpoint, then the mobile; or both in one Dial where the first to answer wins. */
public enum RingStrategy {
    SEQUENTIAL, SIMULTANEOUS
}
