package io.telops.deploy.catalog;

/** The store a service owns (design.md): its own PostgreSQL database, or its MongoDB database. */
public sealed interface Store {
    String database();

    record Postgres(String database) implements Store {
    }

    record Mongo(String database) implements Store {
    }
}
