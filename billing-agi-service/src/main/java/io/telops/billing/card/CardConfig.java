package io.telops.billing.card;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * {@code telops.billing.card.*}: the calling-card IVR. Prompts are sound file names without extension; the defaults
 * are Asterisk core sounds (en) except the {@code billing/} ones, which the operator records, as for the refusals.
 */
@ConfigMapping(prefix = "telops.billing.card")
public interface CardConfig {
    /** Digits of a card PIN (issued and asked for); 8 to 20. */
    @WithDefault("10")
    int pinDigits();

    /** Wrong PINs (and refused vouchers) a session may enter before it hears goodbye and is hung up. */
    @WithDefault("3")
    int attempts();

    /** GET DATA's timeout for the PIN, a voucher code and the destination (after the prompt has played). */
    @WithDefault("8s")
    Duration entryTimeout();

    /** GET DATA's timeout for the one-digit menu. */
    @WithDefault("5s")
    Duration menuTimeout();

    /** Most digits of a destination typed in (Asterisk's GET DATA max digits). */
    @WithDefault("24")
    int destinationDigits();

    /** How long a prompt may play before its reply is overdue (added to the entry timeouts). */
    @WithDefault("30s")
    Duration promptWait();

    Prompts prompts();

    interface Prompts {
        /** "Please enter your password followed by the pound key" (app_authenticate's prompt). */
        @WithDefault("agent-pass")
        String pin();

        /** "Login incorrect" (app_authenticate's). */
        @WithDefault("auth-incorrect")
        String incorrect();

        @WithDefault("vm-goodbye")
        String goodbye();

        /** "You have", before the balance and the minutes. */
        @WithDefault("vm-youhave")
        String youHave();

        /** Currency words as Asterisk's own money saying uses them (say.c, en). */
        @WithDefault("dollars")
        String majorUnits();

        @WithDefault("letters/dollar")
        String majorUnit();

        @WithDefault("cents")
        String minorUnits();

        @WithDefault("cent")
        String minorUnit();

        @WithDefault("and")
        String and();

        @WithDefault("minutes")
        String minutes();

        /** "Please enter the number you wish to call" (app_voicemail's dial-out prompt). */
        @WithDefault("vm-enter-num-to-call")
        String destination();

        /** Recorded by the operator: "press 1 to call, 2 to redeem a voucher". */
        @WithDefault("billing/card-menu")
        String menu();

        @WithDefault("billing/voucher-enter")
        String voucher();

        @WithDefault("billing/voucher-accepted")
        String voucherAccepted();

        @WithDefault("billing/voucher-refused")
        String voucherRefused();

        /** Played when cards are off (no {@code telops.billing.codes.secret}). */
        @WithDefault("billing/service-unavailable")
        String unavailable();
    }
}
