package io.telops.testkit;

import java.nio.file.Path;

/**
 * {@code MongoWireServerMain <port> <store-file>}: a persistent {@link MongoWireServer} in a process of its own, so a
 * fault test can SIGKILL it like a real database server (in the test's own JVM it could only be shut down politely).
 */
public final class MongoWireServerMain {
    private MongoWireServerMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        MongoWireServer server = MongoWireServer.persistent(Integer.parseInt(args[0]), Path.of(args[1])).start();
        System.out.println("MongoDB wire server listening on " + server.connectionString());
        Thread.currentThread().join();
    }
}
