package io.telops.billing.call;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import io.telops.billing.agi.AgiCommand;
import io.telops.billing.agi.AgiReply;
import io.telops.billing.ledger.BillingConfig;
import io.telops.billing.ledger.CallEnd;

/**
 * Everything settle reads from Asterisk, in ONE {@code GET FULL VARIABLE}: each value as {@code ${LEN(v)}:v}. A
 * length prefix, not a separator: any character may be in a channel variable (a B-party such as
 * {@code IMSI001...@10.0.0.1:5062} holds a ':'), so no separator is safe, while a length is. Each value must then match
 * its own shape; an empty, malformed or truncated one is absent, never stored as it came.
 */
@ApplicationScoped
public class SettleVariables {
    /** A plain channel variable, or a function call without anything that would break the expression. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,63}(\\([A-Za-z0-9_.,-]{0,64}\\))?");
    private static final Pattern SECONDS = Pattern.compile("[0-9]{1,9}");
    private static final Pattern DIAL_STATUS = Pattern.compile("[A-Z]{1,16}");
    private static final Pattern CAUSE = Pattern.compile("[0-9]{1,3}");
    private static final Pattern PEER = Pattern.compile("[\\x21-\\x7E]{1,128}"); // printable ASCII, no blank
    private static final Pattern IMSI = Pattern.compile("[0-9]{1,20}");
    private static final int FIELDS = 7;

    private final AgiCommand command;

    SettleVariables(BillingConfig config) {
        List<Optional<String>> names = List.of(Optional.of("CDR(billsec)"), Optional.of("CDR(duration)"),
                Optional.of("DIALSTATUS"), Optional.of("HANGUPCAUSE"), Optional.of("DIALEDPEERNUMBER"),
                config.imsiVariable(), config.calleeImsiVariable());
        StringBuilder expr = new StringBuilder();
        for (Optional<String> name : names) {
            if (name.isEmpty()) {
                expr.append("0:"); // not configured: always empty, same position
                continue;
            }
            if (!NAME.matcher(name.get()).matches()) {
                throw new IllegalArgumentException("telops.billing imsi/callee-imsi variable is not a channel variable name: "
                        + name.get());
            }
            expr.append("${LEN(${").append(name.get()).append("})}:${").append(name.get()).append('}');
        }
        this.command = new AgiCommand("GET FULL VARIABLE " + expr);
    }

    /** The one command settle sends (no blank in it, so Asterisk reads it as one argument). */
    public AgiCommand command() {
        return command;
    }

    /** The call's end as reported; {@code result=0} (no channel), 510/511/520 or garbage leave only what parsed. */
    public static CallEnd parse(AgiReply reply) {
        List<Optional<String>> v = new ArrayList<>(FIELDS);
        if (reply instanceof AgiReply.Success s && s.result() == 1 && s.data().isPresent()) {
            byte[] data = s.data().get().getBytes(StandardCharsets.UTF_8); // LEN() counts bytes
            int pos = 0;
            while (v.size() < FIELDS) {
                int colon = pos;
                while (colon < data.length && colon - pos <= 4 && data[colon] >= '0' && data[colon] <= '9') {
                    colon++;
                }
                if (colon == pos || colon - pos > 4 || colon >= data.length || data[colon] != ':') {
                    break; // no length here: nothing after it can be trusted
                }
                int len = Integer.parseInt(new String(data, pos, colon - pos, StandardCharsets.US_ASCII));
                if (colon + 1 + len > data.length) {
                    break;
                }
                v.add(Optional.of(new String(data, colon + 1, len, StandardCharsets.UTF_8)));
                pos = colon + 1 + len;
            }
        }
        while (v.size() < FIELDS) {
            v.add(Optional.empty());
        }
        return new CallEnd(integer(v.get(0), SECONDS).orElse(0), integer(v.get(1), SECONDS), shaped(v.get(2), DIAL_STATUS),
                integer(v.get(3), CAUSE), shaped(v.get(4), PEER), shaped(v.get(5), IMSI), shaped(v.get(6), IMSI));
    }

    private static Optional<String> shaped(Optional<String> value, Pattern shape) {
        return value.filter(x -> shape.matcher(x).matches());
    }

    private static Optional<Integer> integer(Optional<String> value, Pattern shape) {
        return shaped(value, shape).map(Integer::valueOf);
    }
}
