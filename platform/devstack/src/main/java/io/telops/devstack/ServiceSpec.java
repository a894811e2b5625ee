package io.telops.devstack;

import java.util.Optional;

/** One service of the platform as the local run starts it. */
public record ServiceSpec(String name, int httpPort, Store store, Optional<String> database) {
    public enum Store { POSTGRES, MONGO, NONE }

    public static ServiceSpec postgres(String name, int port, String database) {
        return new ServiceSpec(name, port, Store.POSTGRES, Optional.of(database));
    }

    public static ServiceSpec mongo(String name, int port, String database) {
        return new ServiceSpec(name, port, Store.MONGO, Optional.of(database));
    }
}
