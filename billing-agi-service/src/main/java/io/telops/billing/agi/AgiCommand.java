package io.telops.billing.agi;

import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * One AGI command line as the server writes it (without the trailing newline). Arguments that may hold
 * spaces, commas or quotes are double-quoted with backslash escapes, which is how Asterisk splits them.
 */
public record AgiCommand(String line) {
    public AgiCommand {
        if (line.indexOf('\n') >= 0 || line.indexOf('\r') >= 0) {
            throw new IllegalArgumentException("an AGI command is one line");
        }
    }

    /** The command word(s) without arguments, e.g. {@code SET VARIABLE} or {@code EXEC Dial} (a metric tag). */
    public String verb() {
        String[] words = line.split(" ", 3);
        if (words.length == 1) {
            return words[0];
        }
        return words[0] + " " + words[1];
    }

    public static AgiCommand getVariable(String name) {
        return new AgiCommand("GET VARIABLE " + quote(name));
    }

    public static AgiCommand setVariable(String name, String value) {
        return new AgiCommand("SET VARIABLE " + quote(name) + " " + quote(value));
    }

    public static AgiCommand exec(String application, String options) {
        return new AgiCommand("EXEC " + application + " " + quote(options));
    }

    public static AgiCommand streamFile(String file, String escapeDigits) {
        return new AgiCommand("STREAM FILE " + quote(file) + " " + quote(escapeDigits));
    }

    public static AgiCommand verbose(String message, int level) {
        return new AgiCommand("VERBOSE " + quote(message) + " " + level);
    }

    public static AgiCommand of(String... words) {
        return new AgiCommand(Stream.of(words).collect(Collectors.joining(" ")));
    }

    static String quote(String arg) {
        if (!arg.isEmpty() && arg.chars().noneMatch(c -> c == ' ' || c == '"' || c == '\\' || c == '\t')) {
            return arg;
        }
        return "\"" + arg.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
