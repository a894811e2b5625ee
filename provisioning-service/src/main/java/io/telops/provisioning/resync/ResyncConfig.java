package io.telops.provisioning.resync;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Re-provision on demand ({@code telops.provisioning.resync.*}). */
@ConfigMapping(prefix = "telops.provisioning.resync")
public interface ResyncConfig {
    /**
     * A device still marked from a request younger than this is not asked again (no second event): a double click or
     * a retried call does not NOTIFY a phone twice. Older marks are renewed and published again.
     */
    @WithDefault("5m")
    Duration repeatAfter();
}
