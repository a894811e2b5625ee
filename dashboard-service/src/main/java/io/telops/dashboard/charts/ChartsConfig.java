package io.telops.dashboard.charts;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Chart buckets: {@code telops.dashboard.charts.*}. */
@ConfigMapping(prefix = "telops.dashboard.charts")
public interface ChartsConfig {
    /** How often the number of phones online is sampled into its per-minute chart. */
    @WithDefault("PT1M")
    Duration phonesOnlineEvery();

    /** Per-minute buckets older than this are deleted. */
    @WithDefault("P2D")
    Duration minuteRetention();

    /** Per-hour buckets older than this are deleted. */
    @WithDefault("P35D")
    Duration hourRetention();

    /** Per-day buckets older than this are deleted. */
    @WithDefault("P400D")
    Duration dayRetention();

    /** How often old buckets are deleted. */
    @WithDefault("PT1H")
    Duration retentionEvery();
}
