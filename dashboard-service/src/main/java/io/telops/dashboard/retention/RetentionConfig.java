package io.telops.dashboard.retention;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How long the consumer's own tables keep rows: {@code telops.dashboard.retention.*}. */
@ConfigMapping(prefix = "telops.dashboard.retention")
public interface RetentionConfig {
    /** Phone history rows received longer ago than this are deleted (never sooner than {@link #duplicateWindow}). */
    @WithDefault("P90D")
    Duration phoneLog();

    /** Remembered ce_ids (records set aside, the other topics' events) older than this are deleted (same floor). */
    @WithDefault("P14D")
    Duration processedEvents();

    /**
     * How long after its first delivery a copy of an event can still arrive: ingest's raw retention (its replay
     * republishes under the original ce_ids) plus the topics' retention.ms (a consumer reset re-reads them).
     * A claim younger than this is never deleted, whatever the two keys above say.
     */
    @WithDefault("P14D")
    Duration duplicateWindow();

    /** Rows deleted per transaction. */
    @WithDefault("5000")
    int batchSize();

    /** How often the purge runs. */
    @WithDefault("PT1H")
    Duration every();
}
