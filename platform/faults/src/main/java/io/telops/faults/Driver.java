package io.telops.faults;

import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One client of one entry point, on its own thread, paced at a fixed rate. Requests go round-robin to the instances,
 * as a load balancer would send them; a refused connection (the instance is down) goes to the next instance, any
 * other failure (timeout, 5xx) counts as not acknowledged and is not retried, so nothing is sent twice by us.
 */
abstract class Driver implements Runnable {
    protected static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    protected static final Duration TIMEOUT = Duration.ofSeconds(10);

    protected final Flow flow;
    protected final Acknowledgements acks;
    private final long periodNanos;
    private final AtomicInteger next = new AtomicInteger();
    private volatile boolean running = true;
    private Thread thread;

    Driver(Flow flow, Acknowledgements acks, double perSecond) {
        this.flow = flow;
        this.acks = acks;
        this.periodNanos = (long) (1e9 / perSecond);
    }

    /** Sends one request to {@code target}; returns the acknowledged item's id, or null if it was not acknowledged. */
    protected abstract String once(int target, long n) throws Exception;

    protected abstract int targets();

    Driver start(String name) {
        thread = new Thread(this, name);
        thread.setDaemon(true);
        thread.start();
        return this;
    }

    void stop() {
        running = false;
    }

    void join() throws InterruptedException {
        thread.join(30_000);
    }

    @Override
    public void run() {
        long n = 0;
        long due = System.nanoTime();
        while (running) {
            long wait = due - System.nanoTime();
            if (wait > 0) {
                try {
                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                } catch (InterruptedException e) {
                    return;
                }
            }
            due += periodNanos;
            if (System.nanoTime() - due > 5_000_000_000L) {
                due = System.nanoTime(); // fell far behind during a stall: do not burst afterwards
            }
            n++;
            acks.sent(flow);
            int first = Math.floorMod(next.getAndIncrement(), targets());
            String id = null;
            boolean done = false;
            for (int attempt = 0; attempt < targets() && !done; attempt++) {
                try {
                    id = once((first + attempt) % targets(), n);
                    done = true;
                } catch (ConnectException | HttpConnectTimeoutException refused) {
                    // instance down: the balancer tries the next one
                } catch (Exception e) {
                    done = true;
                }
            }
            if (id != null) {
                acks.acknowledged(flow, id);
            } else {
                acks.failed(flow);
            }
        }
    }

    static boolean isRefused(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ConnectException) {
                return true;
            }
        }
        return false;
    }

    static <T> T pick(List<T> list, int i) {
        return list.get(i % list.size());
    }
}
