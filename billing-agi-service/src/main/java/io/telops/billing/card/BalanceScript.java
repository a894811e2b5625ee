package io.telops.billing.card;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import io.telops.billing.agi.AgiChannel;
import io.telops.billing.agi.AgiCommand;
import io.telops.billing.agi.AgiReply;
import io.telops.billing.agi.AgiRequest;
import io.telops.billing.agi.AgiScript;
import io.telops.billing.ledger.BillingConfig;
import io.telops.billing.ledger.RefusalReason;
import io.vertx.core.Future;

/**
 * {@code AGI(agi://billing:4573/balance)}: answers and says the caller's balance, finding the caller as authorise does
 * (the IMSI variable, then the CLID); sets {@code BILLING_BALANCE} (minor units) for the dialplan. An unknown or
 * blocked caller hears the unknown-account prompt.
 */
@ApplicationScoped
public class BalanceScript implements AgiScript {
    private final CallingCards cards;
    private final BillingConfig billing;
    private final MoneyPrompts money;
    private final Prompter prompter;

    BalanceScript(CallingCards cards, BillingConfig billing, CardConfig config) {
        this.cards = cards;
        this.billing = billing;
        this.money = new MoneyPrompts(config.prompts(), billing.currency());
        this.prompter = new Prompter(config.promptWait());
    }

    @Override
    public Set<String> names() {
        return Set.of("balance");
    }

    @Override
    public Future<Void> run(AgiChannel channel) {
        AgiRequest req = channel.request();
        return prompter.answer(channel)
                .compose(x -> imsi(channel))
                .compose(imsi -> channel.blocking(() -> cards.caller(imsi, req.callerId())))
                .compose(holder -> {
                    if (holder.isEmpty()) {
                        return prompter.play(channel, RefusalReason.UNKNOWN_ACCOUNT.prompt());
                    }
                    List<AgiCommand> said = new ArrayList<>();
                    said.add(AgiCommand.setVariable("BILLING_BALANCE", String.valueOf(holder.get().balanceMinor())));
                    said.addAll(money.balance(holder.get().balanceMinor()));
                    return prompter.play(channel, said);
                });
    }

    private Future<Optional<String>> imsi(AgiChannel channel) {
        if (billing.imsiVariable().isEmpty()) {
            return Future.succeededFuture(Optional.empty());
        }
        return channel.send(AgiCommand.getVariable(billing.imsiVariable().get())).map(reply ->
                reply instanceof AgiReply.Success s && s.result() == 1 ? s.data().filter(d -> !d.isBlank()) : Optional.empty());
    }
}
