package io.telops.billing.agi;

import java.util.Set;

import io.vertx.core.Future;

/** A FastAGI script: the work behind one {@code agi://host/<name>} path. Runs on the session's event loop. */
public interface AgiScript {
    /** The script paths (and aliases) this script answers to. */
    Set<String> names();

    /** Drives the session to its end; the server closes the socket when the future completes. */
    Future<Void> run(AgiChannel channel);
}
