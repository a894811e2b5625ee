package io.telops.callforward.line;

/** PROVISIONING while numbers are being rented; FAILED when a rental was rolled back. */
public enum LineStatus {
    PROVISIONING, ACTIVE, RELEASED, FAILED
}
