package io.telops.billing.ledger;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** {@code telops.billing.*}: money, call limits and how Asterisk should dial. */
@ConfigMapping(prefix = "telops.billing")
public interface BillingConfig {
    /** ISO 4217 code of the minor units every amount is in. */
    @WithDefault("USD")
    String currency();

    /** No single call is authorised for longer, whatever the balance. */
    @WithDefault("3600")
    int maxCallSeconds();

    /** Dial's ring timeout (seconds before an unanswered call gives up). */
    @WithDefault("60s")
    Duration ringTimeout();

    /** A reservation not settled by ring timeout + limit + this grace is released by the sweeper. */
    @WithDefault("5m")
    Duration reservationGrace();

    /** Dial's L() warning: how long before the limit the caller hears the warning. */
    @WithDefault("60s")
    Duration warnBeforeEnd();

    /** Dial target when the dialplan passes none; {destination} is replaced by the dialled number. */
    @WithDefault("PJSIP/{destination}")
    String dialTemplate();

    /** How often the sweeper looks for expired reservations (read by its @Scheduled). */
    @WithDefault("30s")
    Duration sweepInterval();

    /** When group credits run (Quartz-style cron, read by its @Scheduled). */
    @WithDefault("0 5 0 * * ?")
    String groupCreditCron();

    /** Channel variable holding the caller's IMSI (OpenBTS), looked up before the CLID when set. */
    Optional<String> imsiVariable();
}
