package io.telops.billing.agi;

import java.time.Duration;
import java.util.concurrent.Callable;

import io.vertx.core.Future;

/** One live AGI session as a script sees it: the request headers, and commands answered one at a time. */
public interface AgiChannel {
    AgiRequest request();

    /** Sends a command and completes with Asterisk's reply, or fails on timeout/disconnect. */
    Future<AgiReply> send(AgiCommand command);

    /** Like {@link #send(AgiCommand)}, with a longer wait (e.g. for EXEC Dial, which returns when the call ends). */
    Future<AgiReply> send(AgiCommand command, Duration replyTimeout);

    /** True once Asterisk has sent the {@code HANGUP} notification on this socket. */
    boolean hungUp();

    /** Runs blocking work (a ledger transaction) on the bounded AGI worker pool, off the event loop. */
    <T> Future<T> blocking(Callable<T> work);
}
