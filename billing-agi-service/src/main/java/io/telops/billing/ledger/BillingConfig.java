package io.telops.billing.ledger;

import java.time.Duration;
import java.util.Optional;

import io.quarkus.runtime.configuration.MemorySize;
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

    /** What a destination ({@code agi_arg_1}, else {@code agi_extension}) must match before it is priced or dialled. */
    @WithDefault("\\+?[0-9*#]{1,32}")
    String destinationPattern();

    /** Whether the dialplan may pass the Dial target as {@code agi_arg_2}; when false it is ignored. */
    @WithDefault("false")
    boolean dialTargetArgument();

    /** What a Dial target from {@code agi_arg_2} must match (technology/resource), when that argument is honoured. */
    @WithDefault("[A-Za-z][A-Za-z0-9]{0,15}/[A-Za-z0-9_.@:+*#/-]{1,120}")
    String dialTargetPattern();

    /** How often the sweeper looks for expired reservations (read by its @Scheduled). */
    @WithDefault("30s")
    Duration sweepInterval();

    /** When group credits run (Quartz-style cron, read by its @Scheduled). */
    @WithDefault("0 5 0 * * ?")
    String groupCreditCron();

    /** Fewest digits an account's IMSI may have: 5 (a real MCC+MNC); 1 reaches the seed, which took any digits. */
    @WithDefault("5")
    int imsiMinDigits();

    /** Most digits an account's IMSI may have: 15 (ITU-T E.212); at most 20, the column's width. */
    @WithDefault("15")
    int imsiMaxDigits();

    /** Channel variable holding the caller's IMSI (OpenBTS), looked up before the CLID when set. */
    Optional<String> imsiVariable();

    /**
     * Sound file played before Dial when the caller's balance (before holds) is under their low-balance threshold;
     * unset: no warning.
     */
    Optional<String> lowBalancePrompt();

    /** Largest rate CSV {@code PUT /api/plans/{name}/rates} takes (the rest of the API: quarkus.http.limits.max-body-size). */
    @WithDefault("32M")
    MemorySize rateImportMaxSize();

    /** Channel variable holding the called party's IMSI, read at settle for the CDR when the dialplan sets it. */
    Optional<String> calleeImsiVariable();
}
