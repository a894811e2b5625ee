package io.telops.billing.call;

import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import io.telops.billing.agi.AgiChannel;
import io.telops.billing.agi.AgiCommand;
import io.telops.billing.agi.AgiReply;
import io.telops.billing.agi.AgiRequest;
import io.telops.billing.agi.AgiScript;
import io.telops.billing.ledger.CallBilling;
import io.telops.billing.ledger.Settlement;
import io.vertx.core.Future;

/**
 * {@code AGI(agi://billing:4573/settle)} in the {@code h} extension, replacing the seed's
 * {@code celcombiller_reducer}: reads {@code CDR(billsec)}, bills the call of this uniqueid once, and
 * reports the amount in {@code BILLING_CHARGED} (minor units).
 */
@ApplicationScoped
public class SettleScript implements AgiScript {
    private final CallBilling billing;

    SettleScript(CallBilling billing) {
        this.billing = billing;
    }

    @Override
    public Set<String> names() {
        return Set.of("settle", "celcombiller_reducer");
    }

    @Override
    public Future<Void> run(AgiChannel channel) {
        AgiRequest req = channel.request();
        return channel.send(AgiCommand.getVariable("CDR(billsec)"))
                .map(SettleScript::billsec)
                .compose(billsec -> channel.blocking(() -> billing.settle(req.uniqueId(), billsec,
                        req.callerId().orElse("unknown"), req.channel())))
                .compose(s -> {
                    long charged = s instanceof Settlement.Settled settled ? settled.amountMinor() : 0;
                    return channel.send(AgiCommand.setVariable("BILLING_CHARGED", String.valueOf(charged)));
                })
                .mapEmpty();
    }

    static int billsec(AgiReply reply) {
        if (reply instanceof AgiReply.Success s && s.result() == 1) {
            try {
                return Math.max(0, Integer.parseInt(s.data().orElse("0").trim()));
            } catch (NumberFormatException e) {
                return 0;
            }
        }
        return 0;
    }
}
