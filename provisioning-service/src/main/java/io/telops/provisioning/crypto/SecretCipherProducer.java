package io.telops.provisioning.crypto;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

import io.telops.provisioning.config.ProvisioningConfig;

/** One cipher per application, keyed from configuration. */
@ApplicationScoped
public class SecretCipherProducer {
    @Produces
    @jakarta.inject.Singleton
    SecretCipher cipher(ProvisioningConfig config) {
        return new SecretCipher(config.secretKey());
    }
}
