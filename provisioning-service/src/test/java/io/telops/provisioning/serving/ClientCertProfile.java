package io.telops.provisioning.serving;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * Its own profile, so only {@link ClientCertificateAuthTest} boots with an HTTPS listener that requests client
 * certificates; the default suite keeps its single boot.
 */
public class ClientCertProfile implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("quarkus.http.ssl.client-auth", "request",
                "quarkus.http.insecure-requests", "enabled",
                "quarkus.http.test-ssl-port", "0",
                "telops.provisioning.client-cert.enabled", "true");
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(Pki.class));
    }

    /** Makes the test PKI before the application starts and points the TLS registry at it. */
    public static class Pki implements QuarkusTestResourceLifecycleManager {
        private static PhoneCertificates certificates;

        public static synchronized PhoneCertificates certificates() {
            if (certificates == null) {
                try {
                    certificates = PhoneCertificates.create(Files.createTempDirectory("telops-phone-pki"));
                } catch (Exception e) {
                    throw new IllegalStateException("cannot create the test PKI", e);
                }
            }
            return certificates;
        }

        @Override
        public Map<String, String> start() {
            PhoneCertificates pki = certificates();
            Path server = pki.serverKeyStore();
            return Map.of("quarkus.tls.key-store.p12.path", server.toString(),
                    "quarkus.tls.key-store.p12.password", PhoneCertificates.PASSWORD,
                    "quarkus.tls.trust-store.p12.path", pki.deviceTrustStore().toString(),
                    "quarkus.tls.trust-store.p12.password", PhoneCertificates.PASSWORD);
        }

        @Override
        public void stop() {
            // temp files die with the JVM's temp dir
        }
    }
}
