package io.telops.provisioning.crypto;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

import io.telops.provisioning.config.ProvisioningConfig;

/**
 * One cipher per application, keyed from configuration. There is no built-in key, not even for the local run
 * (devstack makes one per data directory): a key in the code would decrypt every stored SIP password.
 */
@ApplicationScoped
public class SecretCipherProducer {
    @Produces
    @jakarta.inject.Singleton
    SecretCipher cipher(ProvisioningConfig config) {
        return new SecretCipher(config.secretKey().orElseThrow(() -> new IllegalStateException(
                "telops.provisioning.secret-key (TELOPS_PROVISIONING_SECRET_KEY) is required: base64 of 32 random bytes")));
    }
}
