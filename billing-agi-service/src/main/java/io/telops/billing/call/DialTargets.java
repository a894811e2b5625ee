package io.telops.billing.call;

import java.util.Optional;
import java.util.regex.Pattern;

import io.telops.billing.agi.AgiCommand;
import io.telops.billing.ledger.BillingConfig;

/**
 * What may reach Asterisk's {@code Dial}: the destination must match {@code destination-pattern}, and a target
 * passed as {@code agi_arg_2} is honoured only when {@code dial-target-argument} is on and it matches
 * {@code dial-target-pattern}. Dial's own separators never get through, whatever the patterns allow.
 */
public final class DialTargets {
    /** Characters that would start another Dial argument, option, device or dialplan expression. */
    private static final Pattern FORBIDDEN = Pattern.compile("[&,()|^${};\\s]");

    private final Pattern destination;
    private final boolean targetArgument;
    private final Pattern target;
    private final String template;

    DialTargets(Pattern destination, boolean targetArgument, Pattern target, String template) {
        this.destination = destination;
        this.targetArgument = targetArgument;
        this.target = target;
        this.template = template;
    }

    public static DialTargets of(BillingConfig config) {
        return new DialTargets(Pattern.compile(config.destinationPattern()), config.dialTargetArgument(),
                Pattern.compile(config.dialTargetPattern()), config.dialTemplate());
    }

    boolean validDestination(String dialled) {
        return destination.matcher(dialled).matches() && !FORBIDDEN.matcher(dialled).find();
    }

    /** The Dial target for a valid destination and the dialplan's optional target; empty when it must be refused. */
    public Optional<String> target(String dialled, Optional<String> targetArg) {
        if (!validDestination(dialled)) {
            return Optional.empty();
        }
        String chosen = targetArgument && targetArg.isPresent() ? targetArg.get() : template.replace("{destination}", dialled);
        if (targetArgument && targetArg.isPresent() && !target.matcher(chosen).matches()) {
            return Optional.empty();
        }
        return FORBIDDEN.matcher(chosen).find() ? Optional.empty() : Optional.of(chosen);
    }

    /**
     * {@code EXEC Dial <target>,<ring>,L(<limit>)}. The last line of defence: a target holding a separator is
     * refused here too, whatever let it through.
     */
    public static AgiCommand dial(String target, long ringSeconds, String limit) {
        if (target.isEmpty() || FORBIDDEN.matcher(target).find()) {
            throw new IllegalArgumentException("refusing to dial a target with a Dial separator or white space");
        }
        return AgiCommand.exec("Dial", target + "," + ringSeconds + ",L(" + limit + ")");
    }
}
