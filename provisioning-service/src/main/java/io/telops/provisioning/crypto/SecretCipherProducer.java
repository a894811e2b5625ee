package io.telops.provisioning.crypto;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.telops.provisioning.config.ProvisioningConfig;

/** One cipher per application, keyed from configuration; the service refuses to start without a key outside the local run. */
@ApplicationScoped
public class SecretCipherProducer {
    private static final Logger LOG = Logger.getLogger(SecretCipherProducer.class);

    @ConfigProperty(name = "telops.local-run", defaultValue = "false")
    boolean localRun;

    @Produces
    @jakarta.inject.Singleton
    SecretCipher cipher(ProvisioningConfig config) {
        if (config.secretKey().isPresent()) {
            return new SecretCipher(config.secretKey().get());
        }
        if (!localRun) {
            throw new IllegalStateException("telops.provisioning.secret-key (TELOPS_PROVISIONING_SECRET_KEY) is required: "
                    + "base64 of 32 random bytes");
        }
        LOG.warn("local run: stored secrets use a fixed, public key; set telops.provisioning.secret-key anywhere else");
        try {
            byte[] key = MessageDigest.getInstance("SHA-256").digest("telops-local-run-only".getBytes(StandardCharsets.UTF_8));
            return new SecretCipher(Base64.getEncoder().encodeToString(key));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
