package io.telops.billing.card;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.MeterRegistry;
import io.telops.billing.agi.AgiChannel;
import io.telops.billing.agi.AgiCommand;
import io.telops.billing.agi.AgiReply;
import io.telops.billing.agi.AgiRequest;
import io.telops.billing.agi.AgiScript;
import io.telops.billing.call.DialTargets;
import io.telops.billing.call.SettleVariables;
import io.telops.billing.ledger.Authorisation;
import io.telops.billing.ledger.BillingConfig;
import io.telops.billing.ledger.CallBilling;
import io.telops.billing.ledger.CallRequest;
import io.telops.billing.ledger.RefusalReason;
import io.telops.billing.ledger.Settlement;
import io.telops.billing.voucher.CodeSecret;
import io.telops.billing.voucher.Redemption;
import io.telops.billing.voucher.Vouchers;
import io.vertx.core.Future;

/**
 * {@code AGI(agi://billing:4573/card)}, A2Billing's calling-card flow: answer, PIN by GET DATA (a limited number of
 * attempts, then goodbye and HANGUP), the balance said, a menu (1 or nothing: call, 2: redeem a voucher), the
 * destination by GET DATA, authorised as the card's account through the ordinary call path, the maximum minutes
 * said, Dial with its L() limit, and settle when Dial returns. A PIN, a voucher code or a destination is never logged.
 */
@ApplicationScoped
public class CardScript implements AgiScript {
    private static final String MENU_VOUCHER = "2";
    private static final String ACTOR = "card-ivr";

    private final CallingCards cards;
    private final Vouchers vouchers;
    private final CodeSecret secret;
    private final CallBilling billing;
    private final SettleVariables settleVariables;
    private final BillingConfig billingConfig;
    private final CardConfig config;
    private final DialTargets targets;
    private final MoneyPrompts money;
    private final Prompter prompter;
    private final MeterRegistry metrics;
    private final CardConfig.Prompts p;

    CardScript(CallingCards cards, Vouchers vouchers, CodeSecret secret, CallBilling billing, SettleVariables settleVariables,
               BillingConfig billingConfig, CardConfig config, MeterRegistry metrics) {
        this.cards = cards;
        this.vouchers = vouchers;
        this.secret = secret;
        this.billing = billing;
        this.settleVariables = settleVariables;
        this.billingConfig = billingConfig;
        this.config = config;
        this.targets = DialTargets.of(billingConfig);
        this.money = new MoneyPrompts(config.prompts(), billingConfig.currency());
        this.prompter = new Prompter(config.promptWait());
        this.metrics = metrics;
        this.p = config.prompts();
        if (config.attempts() < 1 || config.attempts() > 10) {
            throw new IllegalArgumentException("telops.billing.card.attempts: 1 to 10, got " + config.attempts());
        }
        for (String s : List.of(p.pin(), p.incorrect(), p.goodbye(), p.youHave(), p.majorUnits(), p.majorUnit(),
                p.minorUnits(), p.minorUnit(), p.and(), p.minutes(), p.destination(), p.menu(), p.voucher(),
                p.voucherAccepted(), p.voucherRefused(), p.unavailable())) {
            Prompter.sound(s);
        }
    }

    @Override
    public Set<String> names() {
        return Set.of("card");
    }

    @Override
    public Future<Void> run(AgiChannel channel) {
        Future<Void> answered = prompter.answer(channel).mapEmpty();
        if (!secret.configured()) {
            return answered.compose(x -> prompter.play(channel, p.unavailable()))
                    .compose(x -> prompter.goodbye(channel, p.goodbye()));
        }
        return answered.compose(x -> login(channel, 1));
    }

    private Future<Void> login(AgiChannel channel, int attempt) {
        return prompter.gather(channel, p.pin(), config.entryTimeout(), cards.pinDigits()).compose(typed -> {
            if (typed.isEmpty()) {
                return Future.succeededFuture();
            }
            return channel.blocking(() -> cards.authenticate(typed.get())).compose(holder -> {
                if (holder.isPresent()) {
                    login("ok");
                    return prompter.play(channel, money.balance(holder.get().balanceMinor()))
                            .compose(x -> menu(channel, holder.get(), 0));
                }
                boolean last = attempt >= config.attempts();
                login(last ? "locked-out" : "wrong-pin");
                return prompter.play(channel, p.incorrect())
                        .compose(x -> last ? prompter.goodbye(channel, p.goodbye()) : login(channel, attempt + 1));
            });
        });
    }

    private Future<Void> menu(AgiChannel channel, CardHolder holder, int refusedVouchers) {
        return prompter.gather(channel, p.menu(), config.menuTimeout(), 1).compose(choice -> {
            if (choice.isEmpty()) {
                return Future.succeededFuture();
            }
            return MENU_VOUCHER.equals(choice.get()) ? voucher(channel, holder, refusedVouchers) : destination(channel, holder);
        });
    }

    private Future<Void> voucher(AgiChannel channel, CardHolder holder, int refusedVouchers) {
        return prompter.gather(channel, p.voucher(), config.entryTimeout(), Vouchers.MAX_DIGITS).compose(code -> {
            if (code.isEmpty()) {
                return Future.succeededFuture();
            }
            return channel.blocking(() -> vouchers.redeem(code.get(), holder.accountId(), ACTOR)).compose(r -> {
                if (r instanceof Redemption.Credited c) {
                    List<AgiCommand> said = new ArrayList<>();
                    said.add(AgiCommand.streamFile(p.voucherAccepted(), ""));
                    said.addAll(money.balance(c.balanceAfter()));
                    return prompter.play(channel, said).compose(x -> menu(channel, holder, refusedVouchers));
                }
                boolean last = refusedVouchers + 1 >= config.attempts();
                return prompter.play(channel, p.voucherRefused()).compose(x -> last
                        ? prompter.goodbye(channel, p.goodbye()) : menu(channel, holder, refusedVouchers + 1));
            });
        });
    }

    private Future<Void> destination(AgiChannel channel, CardHolder holder) {
        AgiRequest req = channel.request();
        return prompter.gather(channel, p.destination(), config.entryTimeout(), config.destinationDigits()).compose(typed -> {
            if (typed.isEmpty()) {
                return Future.succeededFuture();
            }
            String dialled = typed.get();
            Optional<String> target = targets.target(dialled, Optional.empty());
            if (target.isEmpty()) {
                return refuse(channel, RefusalReason.INVALID_DESTINATION);
            }
            // the card's account pays: authorise finds it by its CLID, as it would find a caller
            CallRequest call = new CallRequest(req.uniqueId(), Optional.of(holder.clid()), Optional.empty(), dialled, req.channel());
            return channel.blocking(() -> billing.authorise(call)).compose(outcome -> outcome instanceof Authorisation.Granted g
                    ? dial(channel, holder, target.get(), g)
                    : refuse(channel, ((Authorisation.Refused) outcome).reason()));
        });
    }

    private Future<Void> dial(AgiChannel channel, CardHolder holder, String target, Authorisation.Granted g) {
        long limitMs = g.maxSeconds() * 1000L;
        long warnMs = billingConfig.warnBeforeEnd().toMillis();
        String limit = warnMs > 0 && warnMs < limitMs ? limitMs + ":" + warnMs : String.valueOf(limitMs);
        Duration wait = billingConfig.ringTimeout().plusSeconds(g.maxSeconds()).plus(billingConfig.reservationGrace());
        List<AgiCommand> before = new ArrayList<>();
        before.add(AgiCommand.setVariable("BILLING_RESULT", "AUTHORISED"));
        before.add(AgiCommand.setVariable("BILLING_MAX_SECONDS", String.valueOf(g.maxSeconds())));
        before.addAll(money.minutes(g.maxSeconds()));
        return prompter.play(channel, before)
                .compose(x -> channel.hungUp() ? Future.succeededFuture()
                        : channel.send(DialTargets.dial(target, billingConfig.ringTimeout().toSeconds(), limit), wait).mapEmpty())
                .compose(x -> settle(channel, holder));
    }

    /**
     * Settles as soon as Dial returns, as the settle script would: the dialplan's h extension may call /settle too
     * (the second settle of a uniqueid changes nothing). Without a readable CDR it leaves the call to that settle.
     */
    private Future<Void> settle(AgiChannel channel, CardHolder holder) {
        AgiRequest req = channel.request();
        return channel.send(settleVariables.command()).compose(reply -> {
            if (!(reply instanceof AgiReply.Success s) || s.result() != 1) {
                return Future.succeededFuture();
            }
            return channel.blocking(() -> billing.settle(req.uniqueId(), SettleVariables.parse(reply), holder.clid(), req.channel()))
                    .compose(settled -> {
                        long charged = settled instanceof Settlement.Settled x ? x.amountMinor() : 0;
                        return channel.send(AgiCommand.setVariable("BILLING_CHARGED", String.valueOf(charged))).mapEmpty();
                    });
        });
    }

    private Future<Void> refuse(AgiChannel channel, RefusalReason reason) {
        return prompter.play(channel, List.of(AgiCommand.setVariable("BILLING_RESULT", "REFUSED"),
                        AgiCommand.setVariable("BILLING_REASON", reason.name()), AgiCommand.streamFile(reason.prompt(), "")))
                .compose(x -> prompter.goodbye(channel, p.goodbye()));
    }

    private void login(String outcome) {
        metrics.counter("telops.billing.card.logins", "outcome", outcome).increment();
    }
}
