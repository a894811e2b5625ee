package io.telops.outbox.bench;

import java.time.Instant;

/** One way of getting committed outbox rows onto their topic; started, stopped (an outage) and started again. */
interface Pipeline extends AutoCloseable, Writer.AfterCommit {
    String name();

    void start() throws Exception;

    /** Stops relaying; rows written meanwhile wait in the table (or in the WAL) until {@link #start()}. */
    void stop() throws Exception;

    /** The baseline sends from the writer's thread; the relays read the table instead. */
    @Override
    default void committed(Workload workload, int index, Instant occurredAt) {
    }

    /** What an operator would have to watch while this pipeline is down, measured now; empty when nothing. */
    default String retained() throws Exception {
        return "";
    }

    @Override
    default void close() throws Exception {
        stop();
    }
}
