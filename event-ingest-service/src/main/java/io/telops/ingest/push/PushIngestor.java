package io.telops.ingest.push;

import java.io.ByteArrayInputStream;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.context.ManagedExecutor;
import org.jboss.logging.Logger;

import io.telops.contracts.phone.PhoneEventTypes;
import io.telops.events.Problem;
import io.telops.events.TraceHeaders;
import io.telops.ingest.IngestConfig;
import io.telops.ingest.metrics.IngestMetrics;
import io.telops.ingest.kafka.KafkaAcceptor;
import io.telops.ingest.outbox.GroupCommitter;
import io.telops.ingest.outbox.PushStore;
import io.telops.ingest.outbox.RawIds;
import io.telops.ingest.polycom.MalformedPushException;
import io.telops.ingest.polycom.PolycomEventParser;
import io.telops.ingest.polycom.PushEntry;
import io.telops.ingest.polycom.PushTooLargeException;

/** Parses a push, makes it durable (the broker's acks, or the outbox's group commit), counts it. */
@ApplicationScoped
public class PushIngestor {
    private static final Logger LOG = Logger.getLogger(PushIngestor.class);

    private final PolycomEventParser parser;
    private final GroupCommitter committer;
    private final KafkaAcceptor kafka;
    private final RawIds rawIds;
    private final IngestMetrics metrics;
    private final Executor parseExecutor;

    PushIngestor(IngestConfig config, GroupCommitter committer, KafkaAcceptor kafka, PushStore store, IngestMetrics metrics,
                 ManagedExecutor workers) {
        this.parser = new PolycomEventParser(config.push().maxBodyBytes(), config.push().maxEventsPerRequest());
        this.committer = committer;
        this.kafka = kafka;
        this.rawIds = store.rawIds();
        this.metrics = metrics;
        this.parseExecutor = workers;
    }

    /** The first push after a start takes the Kafka path too: its id block is reserved before it arrives. */
    void reserveIds(@jakarta.enterprise.event.Observes io.quarkus.runtime.StartupEvent ignored) {
        rawIds.reserveAhead();
    }

    /** The answer to the phone: how many events of the push were accepted, and the receipt to find it again. */
    public record Receipt(long receipt, int accepted, int unrecognised, int invalid) {
    }

    /**
     * Parses and stores a push without blocking the calling event loop: a small body (every real push) is parsed
     * in place, a large one on a worker thread. The returned stage completes only once the push is durable (the
     * broker's acks, or the outbox commit), or fails with {@link PushRejectedException}.
     */
    public CompletionStage<Receipt> ingest(String remoteAddress, Optional<String> contentType, byte[] body) {
        Instant receivedAt = Instant.now();
        // the push's span, kept with its events: the outbox writer and a parsing worker run outside it
        Optional<String> trace = TraceHeaders.recordingTraceparent();
        // answer on the caller's event loop, so the writer threads only commit and hand over
        io.vertx.core.Context context = io.vertx.core.Vertx.currentContext();
        Executor answer = context == null ? Runnable::run : command -> context.runOnContext(ignored -> command.run());
        CompletableFuture<Receipt> receipt = new CompletableFuture<>();
        if (body.length <= INLINE_PARSE_BYTES) {
            store(new PushStore.Push(remoteAddress, contentType, body, parse(body, remoteAddress, receivedAt), receivedAt,
                    OptionalLong.empty(), trace), receipt, answer);
        } else {
            CompletableFuture.supplyAsync(() -> parse(body, remoteAddress, receivedAt), parseExecutor).whenComplete((entries, failure) -> {
                if (failure == null) {
                    store(new PushStore.Push(remoteAddress, contentType, body, entries, receivedAt, OptionalLong.empty(), trace),
                            receipt, answer);
                } else {
                    answer.execute(() -> receipt.completeExceptionally(refusal(remoteAddress, unwrap(failure))));
                }
            });
        }
        return receipt;
    }

    private void store(PushStore.Push push, CompletableFuture<Receipt> receipt, Executor answer) {
        long submitted = System.nanoTime();
        durable(push).whenCompleteAsync((accepted, failure) -> {
            metrics.stored(System.nanoTime() - submitted);
            try {
                if (failure != null) {
                    throw refusal(push.remoteAddress(), unwrap(failure));
                }
                receipt.complete(receipt(push.entries(), accepted));
            } catch (PushRejectedException e) {
                receipt.completeExceptionally(e);
            }
        }, answer);
    }

    /**
     * Kafka first while its gate is open and an id is at hand without a round trip; the outbox otherwise, and for a
     * push the broker did not acknowledge, under the raw id it was produced with (its ce_ids come from its content).
     */
    private CompletableFuture<PushStore.Accepted> durable(PushStore.Push push) {
        if (kafka.open() && KafkaAcceptor.fits(push)) {
            OptionalLong id = rawIds.tryNext();
            if (id.isPresent()) {
                PushStore.Push numbered = push.withRawId(id.getAsLong());
                CompletableFuture<PushStore.Accepted> produced;
                try {
                    produced = kafka.accept(numbered);
                } catch (RuntimeException e) {
                    produced = CompletableFuture.failedFuture(e);
                }
                return produced.thenApply(accepted -> counted(accepted, "kafka"))
                        .exceptionallyCompose(notAcknowledged -> viaOutbox(numbered));
            }
        }
        return viaOutbox(push);
    }

    private CompletableFuture<PushStore.Accepted> viaOutbox(PushStore.Push push) {
        return committer.submit(push).thenApply(accepted -> counted(accepted, "outbox"));
    }

    private PushStore.Accepted counted(PushStore.Accepted accepted, String store) {
        metrics.durable(store);
        return accepted;
    }

    /** Bodies up to this size are parsed on the event loop (tens of microseconds); larger ones on a worker. */
    static final int INLINE_PARSE_BYTES = 16 * 1024;

    private List<PushEntry> parse(byte[] body, String remoteAddress, Instant receivedAt) {
        long t0 = System.nanoTime();
        try {
            List<PushEntry> entries = parser.parse(new ByteArrayInputStream(body), remoteAddress, receivedAt);
            metrics.parsed(System.nanoTime() - t0);
            return entries;
        } catch (PushTooLargeException e) {
            throw new PushRejectedException(Problem.typed(413, "push-too-large", "Body too large", e.getMessage()), "too_large");
        } catch (MalformedPushException e) {
            throw new PushRejectedException(Problem.typed(400, "push-malformed", "Malformed phone event XML", e.getMessage()), "malformed");
        }
    }

    private Receipt receipt(List<PushEntry> entries, PushStore.Accepted accepted) {
        count(entries);
        if (accepted.recognised() == 0 && accepted.unrecognised() == 0) {
            String reasons = entries.stream().map(e -> e.element() + ": " + ((PushEntry.Invalid) e).reason()).distinct()
                    .limit(5).reduce((a, b) -> a + "; " + b).orElse("");
            throw new PushRejectedException(Problem.typed(422, "push-invalid-events", "No usable event",
                    reasons + " (kept for audit as receipt " + accepted.rawId() + ")"), "invalid");
        }
        return new Receipt(accepted.rawId(), accepted.recognised(), accepted.unrecognised(), accepted.invalid());
    }

    private static PushRejectedException refusal(String remoteAddress, Throwable failure) {
        if (failure instanceof PushRejectedException rejected) {
            return rejected;
        }
        LOG.errorf("cannot store push from %s: %s", remoteAddress, failure.toString());
        // not acknowledged: the phone may retry, nothing was half-written
        return new PushRejectedException(Problem.typed(503, "push-store-unavailable", "Temporarily unable to accept",
                "events could not be stored; nothing was accepted"), "store");
    }

    private static Throwable unwrap(Throwable t) {
        return t instanceof java.util.concurrent.CompletionException && t.getCause() != null ? t.getCause() : t;
    }

    private void count(List<PushEntry> entries) {
        for (PushEntry entry : entries) {
            if (entry instanceof PushEntry.Recognised r) {
                String type = shortType(PhoneEventTypes.of(r.event()).type());
                metrics.received(type);
                metrics.accepted(type);
            } else if (entry instanceof PushEntry.Unrecognised) {
                metrics.received("unknown");
                metrics.unrecognised();
            } else if (entry instanceof PushEntry.Invalid v) {
                // only elements we know become Invalid, so the tag set stays bounded
                metrics.received(v.element());
                metrics.rejected(v.element(), "invalid");
            }
        }
    }

    /** Short type names by CloudEvents type, computed once per type (the push path counts every event). */
    private static final java.util.concurrent.ConcurrentMap<String, String> SHORT_TYPES = new java.util.concurrent.ConcurrentHashMap<>();

    static String shortType(String ceType) {
        return SHORT_TYPES.computeIfAbsent(ceType,
                t -> t.replaceFirst("^io\\.telops\\.phone\\.", "").replaceFirst("\\.v\\d+$", ""));
    }
}
