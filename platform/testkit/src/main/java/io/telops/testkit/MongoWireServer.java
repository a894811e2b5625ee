package io.telops.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;

/**
 * A server that speaks the MongoDB wire protocol (de.bwaldvogel mongo-java-server), so the real MongoDB driver
 * crosses a real TCP connection. Tests keep documents in memory; the local run keeps them in an H2 MVStore file
 * so they survive a restart. No transactions: services must not rely on them.
 */
public final class MongoWireServer implements AutoCloseable {
    private final int port;
    private final Optional<Path> storeFile;
    private MongoServer server;

    /** An in-memory server: everything is gone when it stops. */
    public MongoWireServer(int port) {
        this(port, Optional.empty());
    }

    private MongoWireServer(int port, Optional<Path> storeFile) {
        this.port = port;
        this.storeFile = storeFile;
    }

    /** A server that keeps its databases in {@code storeFile} (created on first start) across restarts. */
    public static MongoWireServer persistent(int port, Path storeFile) {
        return new MongoWireServer(port, Optional.of(storeFile));
    }

    public static MongoWireServer onFreePort() {
        return new MongoWireServer(LoopbackPorts.free());
    }

    public synchronized MongoWireServer start() {
        if (server == null) {
            LoopbackPorts.requireFree(port);
            server = new MongoServer(backend());
            server.bind(new InetSocketAddress("127.0.0.1", port));
        }
        return this;
    }

    private MongoBackend backend() {
        if (storeFile.isEmpty()) {
            return new MemoryBackend();
        }
        Path file = storeFile.get().toAbsolutePath();
        try {
            Files.createDirectories(file.getParent());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the directory of " + file, e);
        }
        return new H2Backend(file.toString());
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
