package io.telops.billing.agi;

import java.util.List;
import java.util.Optional;

/** What Asterisk answers to one AGI command. */
public sealed interface AgiReply {
    /**
     * {@code 200 result=N [(data)] [endpos=M]}. {@code resultText} is the result as sent: GET DATA answers with the
     * caller's digits there (leading zeros, '*', more than an int holds, or nothing on a timeout); {@code result} is
     * its value when it is an integer of at most 9 digits, else 0.
     */
    record Success(int result, Optional<String> data, Optional<Long> endpos, String resultText) implements AgiReply {
        public Success(int result, Optional<String> data, Optional<Long> endpos) {
            this(result, data, endpos, String.valueOf(result));
        }
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
