package io.telops.billing.card;

import java.util.ArrayList;
import java.util.Currency;
import java.util.List;

import io.telops.billing.agi.AgiCommand;

/**
 * What the caller hears for an amount, the way Asterisk's own money saying does it (say.c, en): "you have", the
 * major units as SAY NUMBER and their word (singular for one), then "and", the minor units and theirs when non-zero.
 * 1234 minor USD: vm-youhave, SAY NUMBER 12, dollars, and, SAY NUMBER 34, cents.
 */
final class MoneyPrompts {
    private final CardConfig.Prompts prompts;
    private final long minorPerMajor;

    MoneyPrompts(CardConfig.Prompts prompts, String currency) {
        this.prompts = prompts;
        int fraction = Math.max(0, Currency.getInstance(currency).getDefaultFractionDigits());
        this.minorPerMajor = (long) Math.pow(10, fraction);
    }

    List<AgiCommand> balance(long minor) {
        long amount = Math.max(0, minor);
        long major = amount / minorPerMajor;
        long rest = amount % minorPerMajor;
        List<AgiCommand> said = new ArrayList<>();
        said.add(AgiCommand.streamFile(prompts.youHave(), ""));
        said.add(sayNumber(major));
        said.add(AgiCommand.streamFile(major == 1 ? prompts.majorUnit() : prompts.majorUnits(), ""));
        if (rest > 0) {
            said.add(AgiCommand.streamFile(prompts.and(), ""));
            said.add(sayNumber(rest));
            said.add(AgiCommand.streamFile(rest == 1 ? prompts.minorUnit() : prompts.minorUnits(), ""));
        }
        return said;
    }

    /** "You have N minutes": whole minutes, rounded down, so the caller never hears more than the limit. */
    List<AgiCommand> minutes(int seconds) {
        return List.of(AgiCommand.streamFile(prompts.youHave(), ""), sayNumber(Math.max(0, seconds) / 60),
                AgiCommand.streamFile(prompts.minutes(), ""));
    }

    static AgiCommand sayNumber(long n) {
        return new AgiCommand("SAY NUMBER " + n + " \"\"");
    }
}
