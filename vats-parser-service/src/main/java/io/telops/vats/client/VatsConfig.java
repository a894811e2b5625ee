package io.telops.vats.client;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.telops.vats.tls.TlsSettings;

/** {@code telops.vats.*}: the cabinet account and how to talk to it. */
@ConfigMapping(prefix = "telops.vats")
public interface VatsConfig {
    /** The cabinet, e.g. https://vpbx.mts.ru (the simulator in tests). */
    @WithDefault("https://vpbx.mts.ru")
    URI baseUrl();

    /** Cabinet login, e.g. +7-9XXXXXXXXX. Without it every cabinet operation fails as not_configured. */
    Optional<String> username();

    Optional<String> password();

    /** Enterprise (contract) id; taken from the landing page URL after login when absent. */
    Optional<Long> contractId();

    /** GWT module name: {@code <base>/<module>/<module>.nocache.js}. */
    @WithDefault("vpbxGwt")
    String module();

    @WithDefault("5s")
    Duration connectTimeout();

    @WithDefault("30s")
    Duration requestTimeout();

    /** DISPATCHER ordinal of the abonent device form; moves when MTS grows the enum. */
    @WithDefault("31")
    int deviceFormOrdinal();

    @WithDefault("100")
    int pageSize();

    /** Safety bound on list pages (page size x max pages trunks at most). */
    @WithDefault("200")
    int maxPages();

    Sync sync();

    /** The optional MTS REST API cross-check of the abonent list. */
    RestApi restApi();

    /**
     * {@code telops.vats.rest-api.*}. With a token (the cabinet's "Методы API" section; set it through
     * {@code TELOPS_VATS_REST_API_TOKEN}), each complete sync is followed by {@code GET <base-url>/abonents} with
     * {@code X-AUTH-TOKEN} and a comparison that is reported, never published.
     */
    interface RestApi {
        Optional<String> token();

        /** Default: {@code <telops.vats.base-url>/api/}. */
        Optional<URI> baseUrl();

        /** {@code id} (userId = cabinet abonent id) or {@code phone-number}. */
        @WithDefault("id")
        io.telops.vats.restapi.MatchBy matchBy();
    }

    /** TLS of every call to the cabinet host (pages, GWT-RPC, REST API). */
    Tls tls();

    Schedule snapshot();

    /** A Quarkus scheduler period ({@code 5m}, {@code 1s}, {@code off}) and initial delay. */
    interface Schedule {
        @WithDefault("off")
        String every();

        @WithDefault("10s")
        String delayed();
    }

    interface Sync extends Schedule {
        /**
         * A sync that would drop more than this share of the known trunks is refused: an empty or short
         * answer is far likelier a cabinet fault than a mass deletion.
         */
        @WithDefault("0.5")
        double maxDisappearedRatio();

        /** How long an admin's override of that guard waits for the one sync it is for. */
        @WithDefault("1h")
        Duration overrideValidFor();

        /**
         * The list filter of the sync, as the seed wrote it: 0 all trunks, -1 activated ones only, -2 the others.
         * A trunk outside the filter is not tracked (it disappears from the stored state).
         */
        @WithDefault("0")
        int listFilter();
    }

    /**
     * {@code telops.vats.tls.*}. The modern profile (TLS 1.3/1.2, forward-secret AEAD suites) is the default;
     * {@code legacy.enabled=true} adds the CBC suites MTS's cabinet is known to need, for this client only.
     * Nothing here can enable what the JVM disables (jdk.tls.disabledAlgorithms).
     */
    interface Tls {
        @WithDefault("TLSv1.3,TLSv1.2")
        List<String> protocols();

        /** Overrides the modern suites (IANA names); absent = the JDK's forward-secret AEAD suites. */
        Optional<List<String>> cipherSuites();

        /** PKCS12/JKS trust store instead of the JDK's cacerts. */
        Optional<Path> trustStore();

        Optional<String> trustStorePassword();

        @WithDefault("PKCS12")
        String trustStoreType();

        /** Handshake with the cabinet once at startup and report it (health, metric, log). */
        @WithDefault("true")
        boolean checkAtStartup();

        Legacy legacy();

        interface Legacy {
            @WithDefault("false")
            boolean enabled();

            /** Replaces {@code protocols} when enabled; the known working MTS client pins TLS 1.2. */
            @WithDefault("TLSv1.2")
            List<String> protocols();

            @WithDefault("TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256,TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA,TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA384,"
                    + "TLS_DHE_RSA_WITH_AES_128_CBC_SHA256,TLS_DHE_RSA_WITH_AES_128_CBC_SHA,TLS_DHE_RSA_WITH_AES_256_CBC_SHA")
            List<String> cipherSuites();
        }

        default TlsSettings settings() {
            return new TlsSettings(protocols(), cipherSuites().orElse(List.of()), legacy().enabled(), legacy().protocols(),
                    legacy().cipherSuites(), trustStore(), trustStorePassword(), trustStoreType());
        }
    }

    default CabinetSettings settings() {
        return new CabinetSettings(baseUrl(), username(), password(), contractId(), module(), connectTimeout(),
                requestTimeout(), deviceFormOrdinal(), pageSize(), maxPages());
    }
}
