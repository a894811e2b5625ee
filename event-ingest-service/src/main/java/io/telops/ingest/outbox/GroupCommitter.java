package io.telops.ingest.outbox;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.telops.ingest.IngestConfig;
import io.telops.ingest.metrics.IngestMetrics;
import io.telops.outbox.OutboxRelay;

/**
 * Group commit for pushes. Request handlers {@link #submit} their parsed push and get a future; a few writer
 * threads take whatever has queued up (at most {@code write-batch} pushes), store it with ONE statement in ONE
 * transaction, commit, and only then complete the futures. Under load one commit (one WAL flush) serves many
 * phones; a lone push is written at once. Nothing here blocks the caller: a full queue or a slow database
 * fails the future, and the phone gets a 503.
 *
 * <p>All or nothing per group: if the statement or the commit fails, the transaction is rolled back and every
 * push of the group fails (none is half-stored, none is acknowledged). The phones retry; a retry is a new push.
 */
@ApplicationScoped
public class GroupCommitter {
    private static final Logger LOG = Logger.getLogger(GroupCommitter.class);

    private record Pending(PushStore.Push push, CompletableFuture<PushStore.Accepted> result) {
    }

    private final PushStore store;
    private final IngestConfig.Outbox config;
    private final Consumer<PushStore.Inserted> afterCommit;
    private final PushStore.GroupTimings timings;
    private final BlockingQueue<Pending> queue = new java.util.concurrent.LinkedBlockingQueue<>();
    /** Queued pushes that have no raw id yet: only these count against {@code write-queue}. */
    private final java.util.concurrent.atomic.AtomicInteger fresh = new java.util.concurrent.atomic.AtomicInteger();
    private final List<Thread> writers = new ArrayList<>();
    private volatile boolean running;
    private volatile long collectNanos;
    private final int collectTarget;

    /** Each committed group's events go to the platform relay in memory (its hand-off), before the phones are answered. */
    @Inject
    GroupCommitter(PushStore store, IngestConfig config, OutboxRelay relay, IngestMetrics metrics) {
        this(store, config.outbox(), inserted -> relay.handOff(inserted.events(), inserted.seqs()), metrics::groupCommitted);
    }

    /** For tests: a committer over any store, handing each committed group's outbox events to {@code afterCommit}. */
    GroupCommitter(PushStore store, IngestConfig.Outbox config, Consumer<PushStore.Inserted> afterCommit,
                   PushStore.GroupTimings timings) {
        this.store = store;
        this.config = config;
        this.afterCommit = afterCommit;
        this.timings = timings;
        this.collectNanos = config.collectWindow().toNanos();
        this.collectTarget = config.collectTarget();
    }

    void start(@Observes StartupEvent ignored) {
        start();
    }

    synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        for (int i = 0; i < config.writers(); i++) {
            Thread t = new Thread(this::write, "outbox-writer-" + i);
            t.setDaemon(true);
            t.start();
            writers.add(t);
        }
    }

    void stop(@Observes ShutdownEvent ignored) {
        stop();
    }

    synchronized void stop() {
        running = false;
        writers.forEach(Thread::interrupt);
        writers.clear();
    }

    /**
     * Queues the push for the next group commit. The future completes with what was stored once the group is
     * committed, or fails ({@link SQLException}) when it was not: queue full, database error, or no commit
     * within {@code write-timeout} (the push may then still be committed, unacknowledged; a retry is a new push).
     *
     * <p>A push that already has its raw id comes from the Kafka path and may be partly published already; it is
     * never refused for a full queue (the bound counts only pushes without an id, which is where a flood comes from),
     * so what the broker took is completed rather than left to the phone's retry.
     */
    public CompletableFuture<PushStore.Accepted> submit(PushStore.Push push) {
        CompletableFuture<PushStore.Accepted> result = new CompletableFuture<>();
        boolean numbered = push.rawId().isPresent();
        if (!numbered && fresh.incrementAndGet() > config.writeQueue()) {
            fresh.decrementAndGet();
            result.completeExceptionally(new SQLException("outbox writers are saturated (" + config.writeQueue() + " pushes queued)"));
            return result;
        }
        queue.add(new Pending(push, result));
        return result.orTimeout(config.writeTimeout().toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Changes the collect window at run time (the benchmark compares windows within one run). */
    public void collectWindow(java.time.Duration window) {
        collectNanos = window.toNanos();
    }

    /** Pushes waiting for a writer. */
    public int queued() {
        return queue.size();
    }

    /**
     * Waits up to the collect window for more pushes, until the group reaches the collect target. Used only when
     * pushes queued up while the previous group was being written (they arrive more often than a commit takes), so
     * a lone push on a quiet system is written at once; at moderate rates one commit then serves a few more pushes.
     */
    private void collect(List<Pending> batch) throws InterruptedException {
        long deadline = System.nanoTime() + collectNanos;
        int target = Math.min(collectTarget, config.writeBatch());
        while (batch.size() < target) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return;
            }
            Pending next = queue.poll(left, TimeUnit.NANOSECONDS);
            if (next == null) {
                return;
            }
            batch.add(next);
            queue.drainTo(batch, target - batch.size());
        }
    }

    private void write() {
        List<Pending> batch = new ArrayList<>(config.writeBatch());
        while (running) {
            try {
                // pushes that queued while the previous group was written: they arrive faster than a commit takes
                boolean busy = !queue.isEmpty();
                batch.add(queue.take());
                queue.drainTo(batch, config.writeBatch() - 1);
                if (collectNanos > 0 && busy && batch.size() < collectTarget) {
                    collect(batch);
                }
                commit(batch);
            } catch (InterruptedException e) {
                return;
            } finally {
                batch.clear();
            }
        }
    }

    private void commit(List<Pending> batch) {
        for (Pending pending : batch) {
            if (pending.push().rawId().isEmpty()) {
                fresh.decrementAndGet();
            }
        }
        List<PushStore.Accepted> accepted;
        try {
            // committed events go to the relay in memory before the phones are answered (publish latency)
            accepted = store.acceptAll(batch.stream().map(Pending::push).toList(), timings, afterCommit);
        } catch (Exception e) {
            // rolled back: none of the group is stored, so none may be acknowledged
            LOG.warnf("group commit of %d pushes failed, all refused: %s", batch.size(), e.toString());
            SQLException failure = e instanceof SQLException sql ? sql : new SQLException("store failed", e);
            batch.forEach(p -> p.result().completeExceptionally(failure));
            return;
        }
        for (int i = 0; i < batch.size(); i++) {
            batch.get(i).result().complete(accepted.get(i));
        }
    }
}
