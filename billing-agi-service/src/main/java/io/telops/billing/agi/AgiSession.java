package io.telops.billing.agi;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

import org.jboss.logging.Logger;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetSocket;
import io.vertx.core.parsetools.RecordParser;

/**
 * One FastAGI connection. All state is touched on the socket's event loop only: lines arrive there, and
 * blocking work dispatched through {@link #blocking} completes back on it.
 */
final class AgiSession implements AgiChannel {
    private static final Logger LOG = Logger.getLogger(AgiSession.class);

    private enum State { HEADERS, RUNNING, CLOSED }

    private final Vertx vertx;
    private final WorkerExecutor workers;
    private final NetSocket socket;
    private final FastAgiConfig config;
    private final Map<String, AgiScript> scripts;
    private final AgiKeys keys;
    private final AgiMetrics metrics;
    private final Runnable onClose;
    private final AgiHeaderReader headers;
    private final AgiReplyReader replies = new AgiReplyReader();
    private State state = State.HEADERS;
    private AgiRequest request;
    private String scriptName = "none";
    private Promise<AgiReply> pending;
    private String pendingVerb = "";
    private long pendingSince;
    private long timer = -1;
    private boolean hungUp;
    private String outcome = "ok";

    AgiSession(Vertx vertx, WorkerExecutor workers, NetSocket socket, FastAgiConfig config,
               Map<String, AgiScript> scripts, AgiKeys keys, AgiMetrics metrics, Runnable onClose) {
        this.vertx = vertx;
        this.workers = workers;
        this.socket = socket;
        this.config = config;
        this.scripts = scripts;
        this.keys = keys;
        this.metrics = metrics;
        this.onClose = onClose;
        this.headers = new AgiHeaderReader(config.maxHeaderLines());
    }

    void start() {
        RecordParser parser = RecordParser.newDelimited("\n", this::line).maxRecordSize(config.maxLineLength());
        parser.exceptionHandler(e -> fail("line-too-long", "line longer than " + config.maxLineLength() + " bytes"));
        socket.handler(buffer -> {
            try {
                parser.handle(buffer);
            } catch (RuntimeException e) {
                fail("line-too-long", e.getMessage());
            }
        });
        socket.closeHandler(v -> closed());
        socket.exceptionHandler(e -> fail("socket-error", e.toString()));
        arm(config.headerTimeout(), "header-timeout");
    }

    @Override
    public AgiRequest request() {
        return request;
    }

    @Override
    public boolean hungUp() {
        return hungUp;
    }

    @Override
    public Future<AgiReply> send(AgiCommand command) {
        return send(command, config.replyTimeout());
    }

    @Override
    public Future<AgiReply> send(AgiCommand command, Duration replyTimeout) {
        if (state != State.RUNNING) {
            return Future.failedFuture(new AgiProtocolException("closed", "session closed"));
        }
        if (pending != null) {
            return Future.failedFuture(new IllegalStateException("one AGI command at a time"));
        }
        pending = Promise.promise();
        Future<AgiReply> reply = pending.future();
        arm(replyTimeout, "reply-timeout");
        pendingVerb = command.verb();
        pendingSince = System.nanoTime();
        socket.write(command.line() + "\n");
        return reply;
    }

    @Override
    public <T> Future<T> blocking(Callable<T> work) {
        long submitted = System.nanoTime();
        return workers.executeBlocking(() -> {
            long started = System.nanoTime();
            try {
                return work.call();
            } finally {
                metrics.blocking(submitted, started, System.nanoTime());
            }
        }, false);
    }

    private void line(Buffer raw) {
        if (state == State.CLOSED) {
            return;
        }
        if (raw.length() > config.maxLineLength()) {
            fail("line-too-long", "line of " + raw.length() + " bytes");
            return;
        }
        String line = raw.toString(StandardCharsets.UTF_8);
        if (line.endsWith("\r")) {
            line = line.substring(0, line.length() - 1);
        }
        try {
            if (state == State.HEADERS) {
                headers.accept(line).ifPresent(this::dispatch);
            } else if (AgiReplyReader.isHangup(line)) {
                hungUp = true;
                metrics.hangupNotified();
            } else if (pending == null) {
                throw new AgiProtocolException("unsolicited-line", "line with no command outstanding: "
                        + AgiHeaderReader.printable(line));
            } else {
                Optional<AgiReply> reply = replies.accept(line);
                if (reply.isPresent()) {
                    Promise<AgiReply> p = pending;
                    pending = null;
                    disarm();
                    metrics.replied(pendingVerb, System.nanoTime() - pendingSince);
                    p.complete(reply.get());
                }
            }
        } catch (AgiProtocolException e) {
            fail(e.reason(), e.getMessage());
        }
    }

    private void dispatch(AgiRequest req) {
        disarm();
        request = req;
        if (!keys.accepts(req)) {
            fail("bad-key", "missing or wrong key in agi_request (uniqueid " + AgiHeaderReader.printable(req.uniqueId()) + ")");
            return;
        }
        String name = req.script();
        AgiScript script = scripts.get(name);
        if (script == null) {
            scriptName = "unknown";
            fail("unknown-script", "no AGI script '" + AgiHeaderReader.printable(name) + "' (uniqueid " + req.uniqueId() + ")");
            return;
        }
        scriptName = name;
        state = State.RUNNING;
        Future<Void> done;
        try {
            done = script.run(this);
        } catch (RuntimeException e) {
            done = Future.failedFuture(e);
        }
        done.onComplete(r -> {
            if (r.failed() && state != State.CLOSED) {
                Throwable t = r.cause();
                String reason = t instanceof AgiProtocolException p ? p.reason() : "script-error";
                if (!(t instanceof AgiProtocolException)) {
                    LOG.errorf(t, "FastAGI script %s failed (uniqueid %s)", scriptName, req.uniqueId());
                }
                fail(reason, String.valueOf(t.getMessage()));
            } else {
                close();
            }
        });
    }

    private void arm(Duration timeout, String reason) {
        disarm();
        timer = vertx.setTimer(Math.max(1, timeout.toMillis()), id -> {
            timer = -1;
            fail(reason, "no " + (state == State.HEADERS ? "header block" : "reply") + " within " + timeout);
        });
    }

    private void disarm() {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
            timer = -1;
        }
    }

    private void fail(String reason, String detail) {
        if (state == State.CLOSED) {
            return;
        }
        outcome = reason;
        metrics.protocolError(reason);
        LOG.warnf("FastAGI %s from %s closed: %s (%s)", scriptName, socket.remoteAddress(), reason, detail);
        close();
    }

    private void close() {
        if (state == State.CLOSED) {
            return;
        }
        state = State.CLOSED;
        disarm();
        metrics.sessionEnded(scriptName, outcome);
        onClose.run();
        if (pending != null) {
            Promise<AgiReply> p = pending;
            pending = null;
            p.tryFail(new AgiProtocolException(outcome, "session closed while waiting for a reply"));
        }
        socket.close();
    }

    private void closed() {
        if (state != State.CLOSED) {
            outcome = "peer-disconnected";
            metrics.protocolError(outcome);
            LOG.infof("FastAGI %s: peer %s disconnected mid-session", scriptName, socket.remoteAddress());
            close();
        }
    }
}
