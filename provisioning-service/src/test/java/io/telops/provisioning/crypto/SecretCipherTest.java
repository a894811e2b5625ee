package io.telops.provisioning.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;

import org.junit.jupiter.api.Test;

class SecretCipherTest {
    private static final String KEY = Base64.getEncoder().encodeToString(new byte[32]);

    @Test
    void roundTripsWithARandomIvAndBindsThePurpose() {
        SecretCipher c = new SecretCipher(KEY);
        String a = c.encrypt("pa$0w<&>rd", "sip-password");
        String b = c.encrypt("pa$0w<&>rd", "sip-password");
        assertThat(a).startsWith("v1:").isNotEqualTo(b).doesNotContain("pa$0w");
        assertThat(c.decrypt(a, "sip-password")).isEqualTo("pa$0w<&>rd");
        assertThatThrownBy(() -> c.decrypt(a, "device-prov-password")).isInstanceOf(IllegalStateException.class);
        // flip one bit of the GCM tag; editing the base64 text could hit padding bits the decoder ignores
        byte[] raw = Base64.getDecoder().decode(a.substring("v1:".length()));
        raw[raw.length - 1] ^= 1;
        String tampered = "v1:" + Base64.getEncoder().encodeToString(raw);
        assertThatThrownBy(() -> c.decrypt(tampered, "sip-password")).isInstanceOf(RuntimeException.class);
        SecretCipher other = new SecretCipher(Base64.getEncoder().encodeToString(new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12,
                13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32}));
        assertThatThrownBy(() -> other.decrypt(a, "sip-password")).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void refusesKeysOfTheWrongSize() {
        assertThatThrownBy(() -> new SecretCipher(Base64.getEncoder().encodeToString(new byte[16])))
                .hasMessageContaining("32 bytes");
        assertThatThrownBy(() -> new SecretCipher("not base64!")).hasMessageContaining("base64");
    }
}
