package io.telops.billing.agi;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;

import org.jboss.logging.Logger;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.telops.security.Networks;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetServerOptions;
import io.vertx.core.net.NetSocket;

/**
 * The FastAGI listener: a Vert.x TCP server on Quarkus' event loops. A session costs a socket and a few
 * objects, not a thread, which matters because the authorise session stays open for the whole call while
 * Asterisk runs Dial. Blocking ledger work goes to a bounded worker pool.
 */
@ApplicationScoped
public class FastAgiServer {
    private static final Logger LOG = Logger.getLogger(FastAgiServer.class);

    private final Vertx vertx;
    private final FastAgiConfig config;
    private final AgiMetrics metrics;
    private final PeerGate peers;
    private final AgiKeys keys;
    private final Map<String, AgiScript> scripts = new HashMap<>();
    private final AtomicInteger sessions = new AtomicInteger();
    private NetServer server;
    private WorkerExecutor workers;

    FastAgiServer(Vertx vertx, FastAgiConfig config, MeterRegistry registry, Instance<AgiScript> all) {
        this.vertx = vertx;
        this.config = config;
        this.metrics = new AgiMetrics(registry, sessions);
        this.peers = new PeerGate(Networks.parse(config.allowedPeers()), registry);
        this.keys = new AgiKeys(config.keys().orElse(List.of()));
        all.forEach(s -> s.names().forEach(n -> {
            if (scripts.putIfAbsent(n, s) != null) {
                throw new IllegalStateException("two AGI scripts answer to " + n);
            }
        }));
    }

    void start(@Observes StartupEvent event) throws Exception {
        workers = vertx.createSharedWorkerExecutor("telops-agi-ledger", config.workerThreads());
        NetServerOptions options = new NetServerOptions().setHost(config.host()).setPort(config.port())
                .setTcpNoDelay(true).setAcceptBacklog(1024);
        server = vertx.createNetServer(options).connectHandler(this::accept).listen()
                .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        LOG.infof("FastAGI listening on %s:%d, scripts %s, peers %s, key %s", config.host(), server.actualPort(),
                scripts.keySet(), config.allowedPeers(), keys.required() ? "required" : "not required");
    }

    void stop(@Observes ShutdownEvent event) {
        if (server != null) {
            server.close();
        }
        if (workers != null) {
            workers.close();
        }
    }

    /** The bound TCP port (differs from the configured one when that was 0). */
    public int port() {
        return server.actualPort();
    }

    public boolean listening() {
        return server != null && server.actualPort() > 0;
    }

    public int activeSessions() {
        return sessions.get();
    }

    private void accept(NetSocket socket) {
        if (!peers.admits(socket.remoteAddress().hostAddress())) {
            socket.close(); // before any handler is set: nothing the peer sent is read
            return;
        }
        if (sessions.incrementAndGet() > config.maxSessions()) {
            sessions.decrementAndGet();
            metrics.protocolError("too-many-sessions");
            LOG.warnf("FastAGI: refusing %s, %d sessions open", socket.remoteAddress(), config.maxSessions());
            socket.close();
            return;
        }
        new AgiSession(vertx, workers, socket, config, scripts, keys, metrics, sessions::decrementAndGet).start();
    }
}
