package io.telops.billing.call;

import java.time.Duration;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import io.telops.billing.agi.AgiChannel;
import io.telops.billing.agi.AgiCommand;
import io.telops.billing.agi.AgiReply;
import io.telops.billing.agi.AgiRequest;
import io.telops.billing.agi.AgiScript;
import io.telops.billing.ledger.Authorisation;
import io.telops.billing.ledger.BillingConfig;
import io.telops.billing.ledger.CallBilling;
import io.telops.billing.ledger.CallRequest;
import io.vertx.core.Future;

/**
 * {@code AGI(agi://billing:4573/authorize,<destination>[,<dial target>])}, replacing the seed's
 * {@code celcombiller_caller}: identifies the caller (IMSI variable, then CLID), reserves the price of the
 * longest affordable call and dials with Dial's {@code L(limit:warning)} option; or refuses, setting
 * {@code BILLING_RESULT=REFUSED}, {@code BILLING_REASON} and playing the reason's prompt.
 */
@ApplicationScoped
public class AuthoriseScript implements AgiScript {
    private final CallBilling billing;
    private final BillingConfig config;

    AuthoriseScript(CallBilling billing, BillingConfig config) {
        this.billing = billing;
        this.config = config;
    }

    @Override
    public Set<String> names() {
        return Set.of("authorize", "authorise", "celcombiller_caller");
    }

    @Override
    public Future<Void> run(AgiChannel channel) {
        AgiRequest req = channel.request();
        String destination = req.argument(1).orElse(req.extension());
        return imsi(channel)
                .compose(imsi -> channel.blocking(() -> billing.authorise(
                        new CallRequest(req.uniqueId(), req.callerId(), imsi, destination, req.channel()))))
                .compose(outcome -> outcome instanceof Authorisation.Granted g
                        ? dial(channel, destination, g)
                        : refuse(channel, (Authorisation.Refused) outcome));
    }

    private Future<Optional<String>> imsi(AgiChannel channel) {
        if (config.imsiVariable().isEmpty()) {
            return Future.succeededFuture(Optional.empty());
        }
        return channel.send(AgiCommand.getVariable(config.imsiVariable().get()))
                .map(reply -> reply instanceof AgiReply.Success s && s.result() == 1 ? s.data().filter(d -> !d.isBlank()) : Optional.empty());
    }

    private Future<Void> dial(AgiChannel channel, String destination, Authorisation.Granted g) {
        String target = channel.request().argument(2).orElse(config.dialTemplate().replace("{destination}", destination));
        long limitMs = g.maxSeconds() * 1000L;
        long warnMs = config.warnBeforeEnd().toMillis();
        String limit = warnMs > 0 && warnMs < limitMs ? limitMs + ":" + warnMs : String.valueOf(limitMs);
        long ring = config.ringTimeout().toSeconds();
        // Dial answers when the call is over: wait for ring time + limit + a margin
        Duration wait = config.ringTimeout().plusSeconds(g.maxSeconds()).plus(config.reservationGrace());
        return channel.send(AgiCommand.setVariable("BILLING_RESULT", "AUTHORISED"))
                .compose(r -> channel.send(AgiCommand.setVariable("BILLING_MAX_SECONDS", String.valueOf(g.maxSeconds()))))
                .compose(r -> channel.hungUp() ? Future.succeededFuture()
                        : channel.send(AgiCommand.exec("Dial", target + "," + ring + ",L(" + limit + ")"), wait))
                .mapEmpty();
    }

    private Future<Void> refuse(AgiChannel channel, Authorisation.Refused r) {
        return channel.send(AgiCommand.setVariable("BILLING_RESULT", "REFUSED"))
                .compose(x -> channel.send(AgiCommand.setVariable("BILLING_REASON", r.reason().name())))
                .compose(x -> channel.hungUp() ? Future.succeededFuture()
                        : channel.send(AgiCommand.streamFile(r.reason().prompt(), "")))
                .mapEmpty();
    }
}
