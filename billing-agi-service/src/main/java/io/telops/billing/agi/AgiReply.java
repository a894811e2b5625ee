package io.telops.billing.agi;

import java.util.List;
import java.util.Optional;

/** What Asterisk answers to one AGI command. */
public sealed interface AgiReply {
    /** {@code 200 result=N [(data)] [endpos=M]}. */
    record Success(int result, Optional<String> data, Optional<Long> endpos) implements AgiReply {
    }

    /** {@code 510 Invalid or unknown command}. */
    record InvalidCommand(String text) implements AgiReply {
    }

    /** {@code 511 Command Not Permitted on a dead channel or intercept routine}. */
    record DeadChannel(String text) implements AgiReply {
    }

    /** The multi-line {@code 520-Invalid command syntax...} block ending with {@code 520 End of proper usage.}. */
    record UsageError(List<String> usage) implements AgiReply {
    }
}
