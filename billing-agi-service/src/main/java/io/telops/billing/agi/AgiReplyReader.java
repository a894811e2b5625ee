package io.telops.billing.agi;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns the lines Asterisk writes back into {@link AgiReply} values. Stateful only for the multi-line 520
 * block; a {@code HANGUP} line is not a reply and must be filtered by the caller ({@link #isHangup}).
 */
public final class AgiReplyReader {
    private static final Pattern SUCCESS = Pattern.compile("200 result=(-?[0-9*#]*)(?: \\((.*)\\))?(?: endpos=(\\d+))?\\s*");
    /** An int without overflow; GET DATA's digit strings may be longer, or hold '*' and '#'. */
    private static final Pattern INTEGER = Pattern.compile("-?\\d{1,9}");
    private static final int MAX_USAGE_LINES = 200;
    private List<String> usage;

    public static boolean isHangup(String line) {
        return "HANGUP".equals(line);
    }

    /** Feeds one line; returns a reply when it is complete. */
    public Optional<AgiReply> accept(String line) {
        if (usage != null) {
            if (line.startsWith("520 ")) {
                List<String> done = List.copyOf(usage);
                usage = null;
                return Optional.of(new AgiReply.UsageError(done));
            }
            if (usage.size() >= MAX_USAGE_LINES) {
                throw new AgiProtocolException("usage-too-long", "520 block without an end line");
            }
            usage.add(line);
            return Optional.empty();
        }
        if (line.startsWith("200 ")) {
            Matcher m = SUCCESS.matcher(line);
            if (!m.matches()) {
                throw new AgiProtocolException("malformed-reply", "unparsable 200 reply: " + AgiHeaderReader.printable(line));
            }
            String text = m.group(1);
            int value = INTEGER.matcher(text).matches() ? Integer.parseInt(text) : 0;
            return Optional.of(new AgiReply.Success(value, Optional.ofNullable(m.group(2)),
                    Optional.ofNullable(m.group(3)).map(Long::parseLong), text));
        }
        if (line.startsWith("510")) {
            return Optional.of(new AgiReply.InvalidCommand(line.substring(3).trim()));
        }
        if (line.startsWith("511")) {
            return Optional.of(new AgiReply.DeadChannel(line.substring(3).trim()));
        }
        if (line.startsWith("520-")) {
            usage = new ArrayList<>();
            usage.add(line.substring(4));
            return Optional.empty();
        }
        if (line.startsWith("520 ")) {
            return Optional.of(new AgiReply.UsageError(List.of(line.substring(4))));
        }
        throw new AgiProtocolException("malformed-reply", "unexpected line: " + AgiHeaderReader.printable(line));
    }
}
