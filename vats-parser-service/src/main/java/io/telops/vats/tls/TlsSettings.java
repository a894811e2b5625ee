package io.telops.vats.tls;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * How the VATS client (cabinet pages, GWT-RPC posts, REST API) speaks TLS. It only ever narrows or
 * re-selects what this JVM already permits: nothing here touches {@code jdk.tls.disabledAlgorithms} or any
 * other JVM-wide security setting.
 *
 * @param protocols           protocols of the modern profile
 * @param cipherSuites        suites of the modern profile; empty = the JDK's enabled suites that are
 *                            forward-secret AEAD ({@link CabinetTls#MODERN_SUITE})
 * @param legacyEnabled       opt-in: also offer {@code legacyCipherSuites} over {@code legacyProtocols}
 * @param legacyProtocols     protocols offered instead of {@code protocols} when legacy is on
 * @param legacyCipherSuites  suites added after the modern ones when legacy is on
 * @param trustStore          a PKCS12/JKS file to trust instead of the JDK's cacerts (a private CA, a test)
 * @param trustStorePassword  its password
 * @param trustStoreType      {@code PKCS12} or {@code JKS}
 */
public record TlsSettings(List<String> protocols, List<String> cipherSuites, boolean legacyEnabled,
                          List<String> legacyProtocols, List<String> legacyCipherSuites, Optional<Path> trustStore,
                          Optional<String> trustStorePassword, String trustStoreType) {

    /**
     * What MTS's cabinet is known to accept from other clients: a Node bot pins TLS 1.2 and
     * ECDHE-RSA-AES128-SHA256 / ECDHE-RSA-AES128-SHA / ECDHE-RSA-AES256-SHA384 (CBC suites); the seed and a
     * Python script lowered OpenSSL to SECLEVEL=1 "to allow weak DH keys", hence the DHE-RSA CBC suites.
     */
    public static final List<String> MTS_LEGACY_SUITES = List.of(
            "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256", "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA",
            "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA384", "TLS_DHE_RSA_WITH_AES_128_CBC_SHA256",
            "TLS_DHE_RSA_WITH_AES_128_CBC_SHA", "TLS_DHE_RSA_WITH_AES_256_CBC_SHA");

    public TlsSettings {
        protocols = List.copyOf(protocols);
        cipherSuites = List.copyOf(cipherSuites);
        legacyProtocols = List.copyOf(legacyProtocols);
        legacyCipherSuites = List.copyOf(legacyCipherSuites);
    }

    /** The default: TLS 1.3 and 1.2, forward-secret AEAD suites only, the JDK's trust store, no legacy. */
    public static TlsSettings modern() {
        return new TlsSettings(List.of("TLSv1.3", "TLSv1.2"), List.of(), false, List.of("TLSv1.2"), MTS_LEGACY_SUITES,
                Optional.empty(), Optional.empty(), "PKCS12");
    }

    public TlsSettings withLegacy(boolean enabled) {
        return new TlsSettings(protocols, cipherSuites, enabled, legacyProtocols, legacyCipherSuites, trustStore,
                trustStorePassword, trustStoreType);
    }

    public TlsSettings withTrustStore(Path file, String password) {
        return new TlsSettings(protocols, cipherSuites, legacyEnabled, legacyProtocols, legacyCipherSuites, Optional.of(file),
                Optional.of(password), trustStoreType);
    }

    @Override
    public String toString() {
        return "TlsSettings[protocols=" + protocols + ", legacy=" + legacyEnabled + ", trustStore=" + trustStore + "]";
    }
}
