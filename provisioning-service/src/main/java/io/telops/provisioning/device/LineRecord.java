package io.telops.provisioning.device;

/** A SIP account as stored in the device's {@code lines} JSON; the password is AES-GCM ciphertext. */
public record LineRecord(String sipUser, String authUser, String passwordEnc, String registrar, int registrarPort,
                         String displayName, String label) {
}
