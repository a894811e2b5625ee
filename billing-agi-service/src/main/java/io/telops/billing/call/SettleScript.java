package io.telops.billing.call;

import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import io.telops.billing.agi.AgiChannel;
import io.telops.billing.agi.AgiCommand;
import io.telops.billing.agi.AgiRequest;
import io.telops.billing.agi.AgiScript;
import io.telops.billing.ledger.CallBilling;
import io.telops.billing.ledger.Settlement;
import io.vertx.core.Future;

/**
 * {@code AGI(agi://billing:4573/settle)} in the {@code h} extension, replacing the seed's
 * {@code celcombiller_reducer}: reads {@code CDR(billsec)} and the CDR's reconciliation values in one round trip
 * ({@link SettleVariables}), bills the call of this uniqueid once, and reports the amount in {@code BILLING_CHARGED}
 * (minor units).
 */
@ApplicationScoped
public class SettleScript implements AgiScript {
    private final CallBilling billing;
    private final SettleVariables variables;

    SettleScript(CallBilling billing, SettleVariables variables) {
        this.billing = billing;
        this.variables = variables;
    }

    @Override
    public Set<String> names() {
        return Set.of("settle", "celcombiller_reducer");
    }

    @Override
    public Future<Void> run(AgiChannel channel) {
        AgiRequest req = channel.request();
        return channel.send(variables.command())
                .map(SettleVariables::parse)
                .compose(end -> channel.blocking(() -> billing.settle(req.uniqueId(), end,
                        req.callerId().orElse("unknown"), req.channel())))
                .compose(s -> {
                    long charged = s instanceof Settlement.Settled settled ? settled.amountMinor() : 0;
                    return channel.send(AgiCommand.setVariable("BILLING_CHARGED", String.valueOf(charged)));
                })
                .mapEmpty();
    }
}
