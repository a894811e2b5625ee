package io.telops.billing.voucher;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Optional;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import jakarta.enterprise.context.ApplicationScoped;

import io.telops.billing.ledger.LedgerRejection;

/**
 * Digests of card PINs and voucher codes: HMAC-SHA256 under {@code telops.billing.codes.secret}, with a domain word so
 * a PIN and a voucher code with the same digits never share a digest. A digest is a lookup key (a unique index), so a
 * code is found without a scan, and a stolen database without the key does not give the codes back. New PINs and codes
 * come from here too, so both are drawn the same way.
 */
@ApplicationScoped
public class CodeSecret {
    /** What a digest is for: part of the HMAC input. */
    public enum Domain { CARD, VOUCHER }

    static final int MIN_SECRET_LENGTH = 32;

    private final Optional<SecretKeySpec> key;
    private final SecureRandom random = new SecureRandom();

    CodeSecret(CodesConfig config) {
        Optional<String> secret = config.secret().map(String::strip).filter(s -> !s.isEmpty());
        if (secret.isPresent() && secret.get().length() < MIN_SECRET_LENGTH) {
            // the message names the property, never its value
            throw new IllegalStateException("telops.billing.codes.secret is shorter than " + MIN_SECRET_LENGTH + " characters");
        }
        this.key = secret.map(s -> new SecretKeySpec(s.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    }

    public boolean configured() {
        return key.isPresent();
    }

    /** A new code of {@code digits} decimal digits, each drawn from a {@link SecureRandom}. */
    public String newCode(int digits) {
        StringBuilder b = new StringBuilder(digits);
        for (int i = 0; i < digits; i++) {
            b.append((char) ('0' + random.nextInt(10)));
        }
        return b.toString();
    }

    /** The digest of a code; refuses (409) when no secret is configured. */
    public byte[] digest(Domain domain, String code) {
        SecretKeySpec k = key.orElseThrow(() -> LedgerRejection.conflict(
                "calling cards and vouchers are off: telops.billing.codes.secret is not set"));
        try {
            Mac mac = Mac.getInstance("HmacSHA256"); // not thread-safe: one per digest, cheap next to a round trip
            mac.init(k);
            mac.update(domain.name().getBytes(StandardCharsets.US_ASCII));
            mac.update((byte) ':');
            return mac.doFinal(code.getBytes(StandardCharsets.US_ASCII));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
