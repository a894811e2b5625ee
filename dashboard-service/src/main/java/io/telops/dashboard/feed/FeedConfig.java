package io.telops.dashboard.feed;

import java.time.Duration;
import java.util.List;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The generic views of the other topics: {@code telops.dashboard.feed.*}. */
@ConfigMapping(prefix = "telops.dashboard.feed")
public interface FeedConfig {
    /** Topics shown generically; must match the topics of the {@code domain-events} channel. */
    @WithDefault("telops.call-events,telops.provisioning-events,telops.billing-events,telops.vats-trunks")
    List<String> topics();

    /** Events older than this are deleted. */
    @WithDefault("P7D")
    Duration retention();

    /** Bodies larger than this are not stored (the event is still counted and listed). */
    @WithDefault("65536")
    int maxBodyBytes();
}
