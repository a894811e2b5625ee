package io.telops.billing.call;

import java.time.Duration;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.MeterRegistry;

import io.telops.billing.agi.AgiChannel;
import io.telops.billing.agi.AgiCommand;
import io.telops.billing.agi.AgiReply;
import io.telops.billing.agi.AgiRequest;
import io.telops.billing.agi.AgiScript;
import io.telops.billing.ledger.Authorisation;
import io.telops.billing.ledger.BillingConfig;
import io.telops.billing.ledger.CallBilling;
import io.telops.billing.ledger.CallRequest;
import io.telops.billing.ledger.RefusalReason;
import io.vertx.core.Future;

/**
 * {@code AGI(agi://billing:4573/authorize,<destination>[,<dial target, if dial-target-argument>])}, replacing the seed's
 * {@code celcombiller_caller}: identifies the caller (IMSI variable, then CLID), reserves the price of the
 * longest affordable call and dials with Dial's {@code L(limit:warning)} option; or refuses, setting
 * {@code BILLING_RESULT=REFUSED}, {@code BILLING_REASON} and playing the reason's prompt.
 */
@ApplicationScoped
public class AuthoriseScript implements AgiScript {
    private final CallBilling billing;
    private final BillingConfig config;
    private final DialTargets targets;
    private final MeterRegistry metrics;

    AuthoriseScript(CallBilling billing, BillingConfig config, MeterRegistry metrics) {
        this.billing = billing;
        this.config = config;
        this.targets = DialTargets.of(config);
        this.metrics = metrics;
    }

    @Override
    public Set<String> names() {
        return Set.of("authorize", "authorise", "celcombiller_caller");
    }

    @Override
    public Future<Void> run(AgiChannel channel) {
        AgiRequest req = channel.request();
        String destination = req.argument(1).orElse(req.extension());
        Optional<String> target = targets.target(destination, req.argument(2));
        if (target.isEmpty()) {
            // hostile or mistyped: refused before any ledger work, and nothing of it reaches Dial
            metrics.counter("telops.billing.authorisations", "outcome", "invalid_destination").increment();
            return refuse(channel, new Authorisation.Refused(RefusalReason.INVALID_DESTINATION, Optional.empty()));
        }
        return imsi(channel)
                .compose(imsi -> channel.blocking(() -> billing.authorise(
                        new CallRequest(req.uniqueId(), req.callerId(), imsi, destination, req.channel()))))
                .compose(outcome -> outcome instanceof Authorisation.Granted g
                        ? dial(channel, target.get(), g)
                        : refuse(channel, (Authorisation.Refused) outcome));
    }

    private Future<Optional<String>> imsi(AgiChannel channel) {
        if (config.imsiVariable().isEmpty()) {
            return Future.succeededFuture(Optional.empty());
        }
        return channel.send(AgiCommand.getVariable(config.imsiVariable().get()))
                .map(reply -> reply instanceof AgiReply.Success s && s.result() == 1 ? s.data().filter(d -> !d.isBlank()) : Optional.empty());
    }

    private Future<Void> dial(AgiChannel channel, String target, Authorisation.Granted g) {
        long limitMs = g.maxSeconds() * 1000L;
        long warnMs = config.warnBeforeEnd().toMillis();
        String limit = warnMs > 0 && warnMs < limitMs ? limitMs + ":" + warnMs : String.valueOf(limitMs);
        long ring = config.ringTimeout().toSeconds();
        // Dial answers when the call is over: wait for ring time + limit + a margin
        Duration wait = config.ringTimeout().plusSeconds(g.maxSeconds()).plus(config.reservationGrace());
        return channel.send(AgiCommand.setVariable("BILLING_RESULT", "AUTHORISED"))
                .compose(r -> channel.send(AgiCommand.setVariable("BILLING_MAX_SECONDS", String.valueOf(g.maxSeconds()))))
                .compose(r -> lowBalanceWarning(channel, g))
                .compose(r -> channel.hungUp() ? Future.succeededFuture()
                        : channel.send(DialTargets.dial(target, ring, limit), wait))
                .mapEmpty();
    }

    /** The configured warning before Dial, when the caller is under their low-balance threshold. */
    private Future<Void> lowBalanceWarning(AgiChannel channel, Authorisation.Granted g) {
        if (!g.lowBalance() || config.lowBalancePrompt().isEmpty() || channel.hungUp()) {
            return Future.succeededFuture();
        }
        return channel.send(AgiCommand.streamFile(config.lowBalancePrompt().get(), "")).mapEmpty();
    }

    private Future<Void> refuse(AgiChannel channel, Authorisation.Refused r) {
        return channel.send(AgiCommand.setVariable("BILLING_RESULT", "REFUSED"))
                .compose(x -> channel.send(AgiCommand.setVariable("BILLING_REASON", r.reason().name())))
                .compose(x -> channel.hungUp() ? Future.succeededFuture()
                        : channel.send(AgiCommand.streamFile(r.reason().prompt(), "")))
                .mapEmpty();
    }
}
