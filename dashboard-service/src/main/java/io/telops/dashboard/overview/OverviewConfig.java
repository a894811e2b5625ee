package io.telops.dashboard.overview;

import java.time.Duration;
import java.time.ZoneId;
import java.util.List;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The overview and its needs-attention list: {@code telops.dashboard.overview.*}. */
@ConfigMapping(prefix = "telops.dashboard.overview")
public interface OverviewConfig {
    /** The time zone whose midnight starts "today" for the day's counts. */
    @WithDefault("UTC")
    ZoneId zone();

    /** What the needs-attention list reports. */
    Attention attention();

    interface Attention {
        /** A phone is listed once it has been offline (see {@code phones.offline-after}) for longer than this. */
        @WithDefault("PT30M")
        Duration phoneOfflineFor();

        /** Failed SMS and refused config fetches younger than this are listed. */
        @WithDefault("P1D")
        Duration window();

        /** A source address is listed once it had at least this many refused config fetches in the window. */
        @WithDefault("1")
        int authFailuresPerSource();

        /** A consumer group is listed once it is more than this many records behind on a topic. */
        @WithDefault("1000")
        long consumerLag();

        /**
         * The consumer groups whose lag is watched, read from the broker (any service's groups can be named here).
         */
        @WithDefault("dashboard-service,dashboard-service-feed")
        List<String> lagGroups();

        /** Most items shown; the newest win. */
        @WithDefault("100")
        int maxItems();
    }
}
