package io.telops.callforward.line;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.micrometer.core.instrument.MeterRegistry;
import io.telops.callforward.config.CallForwardConfig;
import io.telops.callforward.events.EventIds;
import io.telops.callforward.events.Outbox;
import io.telops.callforward.plivo.PlivoApi;
import io.telops.callforward.plivo.PlivoApi.AvailableNumber;
import io.telops.callforward.plivo.PlivoApi.NumberSearch;
import io.telops.callforward.plivo.PlivoApiException;
import io.telops.callforward.plivo.PlivoApplication;
import io.telops.contracts.callforward.LineChanged;
import io.telops.contracts.callforward.NumberReleased;
import io.telops.contracts.callforward.NumberRented;

/**
 * Forwarding lines and their Plivo numbers: creating a line rents its numbers (search, buy linked to the
 * application) and a failure half-way unrents what was already bought; releasing a line unrents them.
 */
@ApplicationScoped
public class LineService {
    private static final Logger LOG = Logger.getLogger(LineService.class);
    private final LineRepository lines;
    private final LineCache cache;
    private final PlivoApi plivo;
    private final PlivoApplication application;
    private final Outbox outbox;
    private final CallForwardConfig config;
    private final MeterRegistry metrics;
    private final Clock clock = Clock.systemUTC();

    LineService(LineRepository lines, LineCache cache, PlivoApi plivo, PlivoApplication application, Outbox outbox,
                CallForwardConfig config, MeterRegistry metrics) {
        this.lines = lines;
        this.cache = cache;
        this.plivo = plivo;
        this.application = application;
        this.outbox = outbox;
        this.config = config;
        this.metrics = metrics;
    }

    public ForwardingLine create(LineSettings settings, RentalRequest rental) {
        Instant now = clock.instant();
        ForwardingLine line = new ForwardingLine(UUID.randomUUID().toString(), settings, LineStatus.PROVISIONING,
                Optional.empty(), Optional.empty(), Optional.empty(), 1, now, now);
        // stored first, so a crash half-way leaves a visible PROVISIONING line with what it rented
        lines.insert(line);
        cache.changed();
        String appId;
        try {
            appId = application.ensure();
        } catch (PlivoApiException e) {
            save(line.withStatus(LineStatus.FAILED, clock.instant()));
            throw upstream("could not create the Plivo application", e);
        } catch (LineProblem e) {
            save(line.withStatus(LineStatus.FAILED, clock.instant()));
            throw e;
        }
        NumberSearch search = new NumberSearch(rental.countryIso(), rental.type(), rental.region(), rental.pattern());
        String forward;
        try {
            forward = rentOne(search, appId, List.of());
        } catch (PlivoApiException | LineProblem e) {
            save(line.withStatus(LineStatus.FAILED, clock.instant()));
            metrics.counter("callforward.rental.failures").increment();
            throw e instanceof LineProblem p ? p : upstream("could not rent a number", (PlivoApiException) e);
        }
        line = save(line.withNumbers(Optional.of(forward), Optional.empty(), Optional.of(appId), clock.instant()));
        outbox.add(EventIds.of("rented", line.id(), forward), line.id(),
                new NumberRented(line.id(), forward, "forward", appId, clock.instant()));

        Optional<String> voicemail = Optional.empty();
        if (rental.voicemailNumber()) {
            try {
                voicemail = Optional.of(rentOne(search, appId, List.of(forward)));
            } catch (PlivoApiException | LineProblem e) {
                metrics.counter("callforward.rental.failures").increment();
                rollback(line, forward);
                throw new LineProblem(LineProblem.Kind.RENTAL_FAILED, "line " + line.id() + ": could not rent the voicemail number ("
                        + e.getMessage() + "); the forward number " + forward + " was released again");
            }
            outbox.add(EventIds.of("rented", line.id(), voicemail.get()), line.id(),
                    new NumberRented(line.id(), voicemail.get(), "voicemail", appId, clock.instant()));
        }
        line = save(line.withNumbers(Optional.of(forward), voicemail, Optional.of(appId), clock.instant()));
        line = save(line.withStatus(LineStatus.ACTIVE, clock.instant()));
        lineChanged(line);
        return line;
    }

    public ForwardingLine get(String id) {
        return lines.find(id).orElseThrow(() -> new LineProblem(LineProblem.Kind.NOT_FOUND, "no line " + id));
    }

    public List<ForwardingLine> list() {
        return lines.list();
    }

    /** Replaces the settings of an active line, only if it still has the version the client read. */
    public ForwardingLine update(String id, LineSettings settings, ExpectedVersion expected) {
        ForwardingLine line = get(id);
        expected.check(line);
        if (line.status() != LineStatus.ACTIVE) {
            throw new LineProblem(LineProblem.Kind.CONFLICT, "line " + id + " is " + line.status());
        }
        ForwardingLine updated = save(line.withSettings(settings, clock.instant()), expected.onConcurrentChange());
        lineChanged(updated);
        return updated;
    }

    public ForwardingLine release(String id) {
        ForwardingLine line = get(id);
        if (line.status() == LineStatus.RELEASED) {
            return line;
        }
        List<String> released = new ArrayList<>();
        try {
            for (String n : line.forwardNumber().stream().toList()) {
                plivo.unrent(n);
                line = save(line.withNumbers(Optional.empty(), line.voicemailNumber(), line.appId(), clock.instant()));
                released.add(n);
                outbox.add(EventIds.of("released", line.id(), n), line.id(),
                        new NumberReleased(line.id(), n, "forward", "released", clock.instant()));
            }
            for (String n : line.voicemailNumber().stream().toList()) {
                plivo.unrent(n);
                line = save(line.withNumbers(line.forwardNumber(), Optional.empty(), line.appId(), clock.instant()));
                outbox.add(EventIds.of("released", line.id(), n), line.id(),
                        new NumberReleased(line.id(), n, "voicemail", "released", clock.instant()));
            }
        } catch (PlivoApiException e) {
            throw upstream("could not release every number (released " + released + ")", e);
        }
        line = save(line.withStatus(LineStatus.RELEASED, clock.instant()));
        lineChanged(line);
        return line;
    }

    private String rentOne(NumberSearch search, String appId, List<String> exclude) {
        int candidates = Math.max(1, config.rental().candidates());
        List<AvailableNumber> found = plivo.search(search, candidates + exclude.size()).stream()
                .filter(n -> !exclude.contains(n.number())).limit(candidates).toList();
        if (found.isEmpty()) {
            throw new LineProblem(LineProblem.Kind.RENTAL_FAILED, "Plivo has no number for " + search);
        }
        PlivoApiException last = null;
        for (AvailableNumber n : found) {
            try {
                plivo.buy(n.number(), appId);
                return n.number();
            } catch (PlivoApiException e) {
                // 404: taken since the search; try the next candidate. Anything else ends the attempt.
                if (e.status() != 404) {
                    throw e;
                }
                last = e;
            }
        }
        throw new LineProblem(LineProblem.Kind.RENTAL_FAILED, "every candidate number was taken: " + last.getMessage());
    }

    private void rollback(ForwardingLine line, String forward) {
        try {
            plivo.unrent(forward);
            outbox.add(EventIds.of("released", line.id(), forward), line.id(),
                    new NumberReleased(line.id(), forward, "forward", "rollback", clock.instant()));
            ForwardingLine emptied = save(line.withNumbers(Optional.empty(), Optional.empty(), line.appId(), clock.instant()));
            save(emptied.withStatus(LineStatus.FAILED, clock.instant()));
        } catch (PlivoApiException e) {
            // the number stays on the FAILED line, so an operator can see and release it
            LOG.errorf("rollback of %s for line %s failed: %s", forward, line.id(), e.getMessage());
            metrics.counter("callforward.rental.rollback.failures").increment();
            save(line.withStatus(LineStatus.FAILED, clock.instant()));
        }
    }

    private ForwardingLine save(ForwardingLine line) {
        return save(line, LineProblem.Kind.CONFLICT);
    }

    private ForwardingLine save(ForwardingLine line, LineProblem.Kind onConcurrentChange) {
        if (!lines.replace(line)) {
            throw new LineProblem(onConcurrentChange, "line " + line.id() + " was changed concurrently");
        }
        // the callbacks read lines through the cache: every replica must see this version
        cache.changed();
        return line;
    }

    private void lineChanged(ForwardingLine l) {
        if (l.status() != LineStatus.ACTIVE && l.status() != LineStatus.RELEASED) {
            return;
        }
        LineSettings s = l.settings();
        outbox.add(EventIds.of("line", l.id(), Long.toString(l.version())), l.id(), new LineChanged(l.id(), s.name(), s.owner(),
                l.status().name().toLowerCase(java.util.Locale.ROOT), l.forwardNumber(), l.voicemailNumber(),
                s.sipEndpoint(), s.mobile(), s.ringStrategy().name().toLowerCase(java.util.Locale.ROOT),
                s.voicemailEnabled(), l.version(), clock.instant()));
    }

    private static LineProblem upstream(String what, PlivoApiException e) {
        return new LineProblem(e.status() == 0 && e.getCause() == null ? LineProblem.Kind.NOT_CONFIGURED : LineProblem.Kind.UPSTREAM,
                what + ": " + e.getMessage());
    }
}
