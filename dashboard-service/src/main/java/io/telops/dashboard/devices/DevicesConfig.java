package io.telops.dashboard.devices;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The devices view: {@code telops.dashboard.devices.*}. */
@ConfigMapping(prefix = "telops.dashboard.devices")
public interface DevicesConfig {
    /** Refused fetches younger than this count as "recent" (the auth-failing status and the counts shown). */
    @WithDefault("PT1H")
    Duration recentAuthFailures();

    /** Refused fetches older than this are deleted. */
    @WithDefault("P7D")
    Duration authFailureRetention();

    /** Largest page size of the API. */
    @WithDefault("200")
    int maxPageSize();
}
