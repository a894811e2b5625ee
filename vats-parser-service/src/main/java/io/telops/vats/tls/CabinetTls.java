package io.telops.vats.tls;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;

/**
 * The TLS profile of the VATS client as a ready {@link SSLContext}: its default parameters are the
 * profile's protocols and suites (with HTTPS hostname verification), so every engine or socket made from
 * it — by {@code java.net.http}, by jsoup, by {@link TlsProbe} — speaks the same profile. The profile can
 * only choose among what this JVM's defaults already allow; a protocol or suite outside that set is
 * refused at construction with the reason, never enabled by relaxing JVM-wide security.
 */
public final class CabinetTls {
    /** Forward-secret AEAD: the TLS 1.3 suites and (EC)DHE with GCM or ChaCha20-Poly1305. */
    public static final Predicate<String> MODERN_SUITE = s -> s.startsWith("TLS_AES_") || s.startsWith("TLS_CHACHA20_")
            || ((s.startsWith("TLS_ECDHE_") || s.startsWith("TLS_DHE_")) && (s.contains("_GCM_") || s.contains("_CHACHA20_POLY1305_")));
    private static final String RENEGOTIATION_SCSV = "TLS_EMPTY_RENEGOTIATION_INFO_SCSV";

    private final TlsSettings settings;
    private final SSLParameters parameters;
    private final SSLContext context;

    private CabinetTls(TlsSettings settings, SSLContext base, SSLParameters parameters) {
        this.settings = settings;
        this.parameters = parameters;
        this.context = new ProfiledSslContext(base, parameters);
    }

    public static CabinetTls modern() {
        return of(TlsSettings.modern());
    }

    public static CabinetTls of(TlsSettings settings) {
        SSLContext base;
        try {
            base = SSLContext.getInstance("TLS");
            base.init(null, trustManagers(settings), null);
        } catch (GeneralSecurityException | IOException e) {
            throw new TlsConfigurationException("cannot set up TLS for the VATS client: " + e.getMessage(), e);
        }
        SSLParameters jvmDefaults = base.getDefaultSSLParameters();
        SSLParameters supported = base.getSupportedSSLParameters();
        List<String> allowedSuites = Arrays.asList(jvmDefaults.getCipherSuites());

        List<String> protocols = settings.legacyEnabled() ? settings.legacyProtocols() : settings.protocols();
        check("protocol", protocols, Arrays.asList(jvmDefaults.getProtocols()), Arrays.asList(supported.getProtocols()));
        Set<String> suites = new LinkedHashSet<>();
        if (settings.cipherSuites().isEmpty()) {
            allowedSuites.stream().filter(MODERN_SUITE).forEach(suites::add);
        } else {
            check("cipher suite", settings.cipherSuites(), allowedSuites, Arrays.asList(supported.getCipherSuites()));
            suites.addAll(settings.cipherSuites());
        }
        if (settings.legacyEnabled()) {
            check("legacy cipher suite", settings.legacyCipherSuites(), allowedSuites, Arrays.asList(supported.getCipherSuites()));
            suites.addAll(settings.legacyCipherSuites());
        }
        if (allowedSuites.contains(RENEGOTIATION_SCSV)) {
            suites.add(RENEGOTIATION_SCSV);
        }
        SSLParameters parameters = new SSLParameters(suites.toArray(String[]::new), protocols.toArray(String[]::new));
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        return new CabinetTls(settings, base, parameters);
    }

    /** The context to hand to HTTP clients; its defaults are this profile. */
    public SSLContext sslContext() {
        return context;
    }

    /** A copy of the profile's parameters (protocols, suites, HTTPS hostname verification). */
    public SSLParameters parameters() {
        return ProfiledSslContext.copy(parameters);
    }

    public TlsSettings settings() {
        return settings;
    }

    public boolean legacyEnabled() {
        return settings.legacyEnabled();
    }

    public List<String> protocols() {
        return List.of(parameters.getProtocols());
    }

    public List<String> cipherSuites() {
        return List.of(parameters.getCipherSuites());
    }

    /** Whether a negotiated suite is one that only the legacy opt-in allows. */
    public boolean isLegacySuite(String suite) {
        return !MODERN_SUITE.test(suite) && !settings.cipherSuites().contains(suite);
    }

    /** The same profile with the legacy opt-in switched on or off (used to diagnose a refused handshake). */
    public CabinetTls withLegacy(boolean enabled) {
        return enabled == settings.legacyEnabled() ? this : of(settings.withLegacy(enabled));
    }

    @Override
    public String toString() {
        return "CabinetTls[" + String.join(",", parameters.getProtocols()) + ", " + parameters.getCipherSuites().length
                + " suites, legacy=" + settings.legacyEnabled() + "]";
    }

    private static void check(String what, List<String> wanted, List<String> allowed, List<String> supported) {
        List<String> problems = new ArrayList<>();
        for (String name : wanted) {
            if (!allowed.contains(name)) {
                problems.add(name + (supported.contains(name)
                        ? " is disabled by this JVM (jdk.tls.disabledAlgorithms in java.security); this service does not relax JVM-wide TLS settings"
                        : " is not supported by this JVM"));
            }
        }
        if (!problems.isEmpty()) {
            throw new TlsConfigurationException("VATS client TLS " + what + ": " + String.join("; ", problems), null);
        }
        if (wanted.isEmpty()) {
            throw new TlsConfigurationException("VATS client TLS: no " + what + " configured", null);
        }
    }

    private static TrustManager[] trustManagers(TlsSettings settings) throws GeneralSecurityException, IOException {
        if (settings.trustStore().isEmpty()) {
            return null;
        }
        KeyStore store = KeyStore.getInstance(settings.trustStoreType());
        char[] password = settings.trustStorePassword().map(String::toCharArray).orElse(null);
        try (InputStream in = Files.newInputStream(settings.trustStore().get())) {
            store.load(in, password);
        }
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(store);
        return factory.getTrustManagers();
    }
}
