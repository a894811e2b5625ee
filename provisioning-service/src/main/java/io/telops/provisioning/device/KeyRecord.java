package io.telops.provisioning.device;

/** A programmable key as stored in the device's {@code keys} JSON (module 0 = phone, 0-based position). */
public record KeyRecord(int module, int position, String type, String value, String label, int line) {
}
