package io.telops.vats.client;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

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

    Schedule snapshot();

    Schedule outbox();

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
    }

    default CabinetSettings settings() {
        return new CabinetSettings(baseUrl(), username(), password(), contractId(), module(), connectTimeout(),
                requestTimeout(), deviceFormOrdinal(), pageSize(), maxPages());
    }
}
