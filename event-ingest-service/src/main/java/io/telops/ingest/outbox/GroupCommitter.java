package io.telops.ingest.outbox;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.telops.ingest.IngestConfig;

/**
 * Group commit for pushes: request threads hand their push to a few writer threads, which store whatever has
 * queued up in one transaction and then release every waiting request. Under load one commit (one WAL flush)
 * serves many phones; a lone push is written at once. A request is answered only after its commit.
 */
@ApplicationScoped
public class GroupCommitter {
    private static final Logger LOG = Logger.getLogger(GroupCommitter.class);

    private record Pending(OutboxStore.Push push, CompletableFuture<OutboxStore.Accepted> result) {
    }

    private final OutboxStore store;
    private final IngestConfig.Outbox config;
    private final BlockingQueue<Pending> queue;
    private final List<Thread> writers = new ArrayList<>();
    private volatile boolean running;

    GroupCommitter(OutboxStore store, IngestConfig config) {
        this.store = store;
        this.config = config.outbox();
        this.queue = new ArrayBlockingQueue<>(this.config.writeQueue());
    }

    void start(@Observes StartupEvent ignored) {
        running = true;
        for (int i = 0; i < config.writers(); i++) {
            Thread t = new Thread(this::write, "outbox-writer-" + i);
            t.setDaemon(true);
            t.start();
            writers.add(t);
        }
    }

    void stop(@Observes ShutdownEvent ignored) {
        running = false;
        writers.forEach(Thread::interrupt);
    }

    /** Stores the push durably; returns once it is committed. */
    public OutboxStore.Accepted accept(OutboxStore.Push push) throws SQLException {
        Pending pending = new Pending(push, new CompletableFuture<>());
        try {
            if (!queue.offer(pending, config.writeTimeout().toMillis(), TimeUnit.MILLISECONDS)) {
                throw new SQLException("outbox writers are saturated");
            }
            return pending.result().get(config.writeTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLException("interrupted while storing", e);
        } catch (TimeoutException e) {
            // the commit may still happen: the push is then stored but unacknowledged, and a retry is a new push
            throw new SQLException("store did not commit within " + config.writeTimeout(), e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof SQLException sql ? sql : new SQLException(e.getCause());
        }
    }

    private void write() {
        List<Pending> batch = new ArrayList<>();
        while (running) {
            try {
                batch.add(queue.take());
                queue.drainTo(batch, config.writeBatch() - 1);
                commit(batch);
            } catch (InterruptedException e) {
                return;
            } finally {
                batch.clear();
            }
        }
    }

    private void commit(List<Pending> batch) {
        try {
            List<OutboxStore.Accepted> accepted = store.acceptAll(batch.stream().map(Pending::push).toList());
            for (int i = 0; i < batch.size(); i++) {
                batch.get(i).result().complete(accepted.get(i));
            }
        } catch (Exception e) {
            if (batch.size() == 1) {
                batch.get(0).result().completeExceptionally(e);
                return;
            }
            LOG.debugf("group commit of %d pushes failed (%s); storing them one by one", batch.size(), e);
            for (Pending p : batch) {
                try {
                    p.result().complete(store.acceptAll(List.of(p.push())).get(0));
                } catch (Exception single) {
                    p.result().completeExceptionally(single);
                }
            }
        }
    }
}
