package io.telops.ingest;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/** How many pushes each path has made durable so far ({@code telops.ingest.pushes.durable}, store kafka or outbox). */
public final class DurablePushes {
    private DurablePushes() {
    }

    public static double count(MeterRegistry registry, String store) {
        Counter counter = registry.find("telops.ingest.pushes.durable").tag("store", store).counter();
        return counter == null ? 0 : counter.count();
    }
}
