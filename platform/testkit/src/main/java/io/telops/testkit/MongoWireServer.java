package io.telops.testkit;

import java.net.InetSocketAddress;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;

/**
 * A server that speaks the MongoDB wire protocol (de.bwaldvogel mongo-java-server, in-memory backend), so
 * the real MongoDB driver crosses a real TCP connection. No transactions: services must not rely on them.
 */
public final class MongoWireServer implements AutoCloseable {
    private final int port;
    private MongoServer server;

    public MongoWireServer(int port) {
        this.port = port;
    }

    public static MongoWireServer onFreePort() {
        return new MongoWireServer(LoopbackPorts.free());
    }

    public synchronized MongoWireServer start() {
        if (server == null) {
            LoopbackPorts.requireFree(port);
            server = new MongoServer(new MemoryBackend());
            server.bind(new InetSocketAddress("127.0.0.1", port));
        }
        return this;
    }

    public String connectionString() {
        return "mongodb://127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    public synchronized void stop() {
        if (server != null) {
            server.shutdownNow();
            server = null;
        }
    }

    @Override
    public void close() {
        stop();
    }
}
