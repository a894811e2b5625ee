package io.telops.vats.gwt;

import java.util.ArrayList;
import java.util.List;

/**
 * Decodes a GWT-RPC response body the way GWT's {@code ClientSerializationStreamReader} does, without
 * a JavaScript engine: {@code //OK} or {@code //EX}, then a JavaScript array literal whose last three
 * elements are the string table (a nested array), the flags and the version; the payload before them
 * is read from the end. It understands what GWT servers emit and nothing else:
 * <ul>
 * <li>{@code ].concat([...],[...])} of long arrays, also inside the string table;</li>
 * <li>{@code "a"+"b"} split string nodes;</li>
 * <li>single- and double-quoted strings with {@code \b \t \n \f \r \v \0 \' \" \\ \/}, {@code \xNN}
 * (GWT up to 2.7, what MTS sends) and {@code \\uNNNN} (GWT 2.8+) escapes;</li>
 * <li>integers, doubles, {@code NaN}, {@code Infinity}, {@code true}/{@code false}.</li>
 * </ul>
 * Anything else is a {@link GwtRpcFormatException}: no regex scraping, no guessing.
 */
public final class GwtRpcResponseReader {
    private final String text;
    private int pos;
    /** payload tokens in array order: a String for quoted tokens, else null and the number in numbers[] */
    private String[] texts = new String[256];
    private double[] numbers = new double[256];
    private int size;
    private List<String> table;
    private int tableAt = -1;

    private GwtRpcResponseReader(String text, int start) {
        this.text = text;
        this.pos = start;
    }

    public static GwtRpcResponse read(String body) {
        int start = 0;
        while (start < body.length() && Character.isWhitespace(body.charAt(start))) {
            start++;
        }
        boolean ok;
        if (body.startsWith("//OK", start)) {
            ok = true;
        } else if (body.startsWith("//EX", start)) {
            ok = false;
        } else {
            String head = body.substring(start, Math.min(body.length(), start + 40)).replaceAll("\\s+", " ");
            throw new GwtRpcFormatException("not a GWT-RPC response (no //OK or //EX): '" + head + "'");
        }
        GwtRpcResponseReader reader = new GwtRpcResponseReader(body, start + 4);
        GwtRpcStream stream = reader.parse();
        return ok ? new GwtRpcResponse.Ok(stream) : new GwtRpcResponse.Thrown(stream);
    }

    private GwtRpcStream parse() {
        topLevelArray();
        skipWhitespace();
        if (pos != text.length()) {
            throw error("trailing characters after the response array");
        }
        if (tableAt < 0) {
            throw new GwtRpcFormatException("response has no string table");
        }
        if (size - tableAt != 2 || texts[tableAt] != null || texts[tableAt + 1] != null) {
            throw new GwtRpcFormatException("string table must be followed by exactly flags and version");
        }
        int flags = asInt(numbers[tableAt]);
        int version = asInt(numbers[tableAt + 1]);
        if (version < GwtRpcWire.MIN_VERSION || version > GwtRpcWire.MAX_VERSION) {
            throw new GwtRpcFormatException("Got version " + version + ", expected version between "
                    + GwtRpcWire.MIN_VERSION + " and " + GwtRpcWire.MAX_VERSION);
        }
        if ((flags | GwtRpcWire.VALID_FLAGS_MASK) != GwtRpcWire.VALID_FLAGS_MASK) {
            throw new GwtRpcFormatException("Got an unknown flag from server: " + flags);
        }
        return new GwtRpcStream(version, flags, table, texts, numbers, tableAt);
    }

    /** The outer array and its concat chunks: every element is a payload token or the string table. */
    private void topLevelArray() {
        skipWhitespace();
        expect('[');
        elements(true);
        concatChunks(true, null);
    }

    private void concatChunks(boolean topLevel, List<String> into) {
        skipWhitespace();
        if (!text.startsWith(".concat(", pos)) {
            return;
        }
        pos += ".concat(".length();
        do {
            skipWhitespace();
            expect('[');
            if (topLevel) {
                elements(true);
            } else {
                stringElements(into);
            }
            concatChunks(topLevel, into);
            skipWhitespace();
        } while (consume(','));
        expect(')');
    }

    private void elements(boolean topLevel) {
        listUntilBracket(() -> {
            char c = peek();
            if (c == '[') {
                if (tableAt >= 0) {
                    throw error("a second nested array; the string table has already started");
                }
                pos++;
                List<String> strings = new ArrayList<>();
                stringElements(strings);
                concatChunks(false, strings);
                table = List.copyOf(strings);
                tableAt = size;
            } else if (c == '"' || c == '\'') {
                add(stringExpression(), 0);
            } else {
                add(null, number());
            }
        });
    }

    private void stringElements(List<String> into) {
        listUntilBracket(() -> {
            char c = peek();
            if (c != '"' && c != '\'') {
                throw error("the string table holds only strings");
            }
            into.add(stringExpression());
        });
    }

    /** Comma-separated elements up to the closing ']' (the '[' is already read), each read by {@code element}. */
    private void listUntilBracket(Runnable element) {
        skipWhitespace();
        if (consume(']')) {
            return;
        }
        do {
            skipWhitespace();
            element.run();
            skipWhitespace();
        } while (consume(','));
        expect(']');
    }

    /** A string literal, or several joined by {@code +} (GWT splits nodes over 64 KB). */
    private String stringExpression() {
        String first = stringLiteral();
        skipWhitespace();
        if (pos >= text.length() || text.charAt(pos) != '+') {
            return first;
        }
        StringBuilder joined = new StringBuilder(first);
        while (consume('+')) {
            skipWhitespace();
            joined.append(stringLiteral());
            skipWhitespace();
        }
        return joined.toString();
    }

    private String stringLiteral() {
        char quote = text.charAt(pos++);
        int start = pos;
        // fast path: no escapes
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c == quote) {
                return text.substring(start, pos++);
            }
            if (c == '\\' || c == '\n' || c == '\r') {
                break;
            }
            pos++;
        }
        StringBuilder out = new StringBuilder(pos - start + 16).append(text, start, pos);
        while (true) {
            if (pos >= text.length()) {
                throw error("unterminated string");
            }
            char c = text.charAt(pos++);
            if (c == quote) {
                return out.toString();
            }
            if (c == '\n' || c == '\r') {
                throw error("line break inside a string");
            }
            if (c != '\\') {
                out.append(c);
                continue;
            }
            if (pos >= text.length()) {
                throw error("unterminated escape");
            }
            char e = text.charAt(pos++);
            switch (e) {
                case 'b' -> out.append('\b');
                case 't' -> out.append('\t');
                case 'n' -> out.append('\n');
                case 'f' -> out.append('\f');
                case 'r' -> out.append('\r');
                case 'v' -> out.append('\u000B');
                case '0' -> out.append('\0');
                case 'x' -> out.append((char) hex(2));
                case 'u' -> out.append((char) hex(4));
                case '\n', '\r' -> throw error("line continuation inside a string");
                default -> out.append(e); // \" \' \\ \/ and JavaScript's identity escapes
            }
        }
    }

    private int hex(int digits) {
        if (pos + digits > text.length()) {
            throw error("short hex escape");
        }
        int value = 0;
        for (int i = 0; i < digits; i++) {
            int d = Character.digit(text.charAt(pos++), 16);
            if (d < 0) {
                throw error("bad hex escape");
            }
            value = value * 16 + d;
        }
        return value;
    }

    private double number() {
        int start = pos;
        boolean negative = false;
        if (peek() == '-' || peek() == '+') {
            negative = text.charAt(pos) == '-';
            pos++;
        }
        if (text.startsWith("Infinity", pos)) {
            pos += 8;
            return negative ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        }
        if (text.startsWith("NaN", pos)) {
            pos += 3;
            return Double.NaN;
        }
        if (text.startsWith("true", pos) && start == pos) {
            pos += 4;
            return 1;
        }
        if (text.startsWith("false", pos) && start == pos) {
            pos += 5;
            return 0;
        }
        // integers: the common case, parsed without allocation
        long value = 0;
        int digitsStart = pos;
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c < '0' || c > '9') {
                break;
            }
            value = value * 10 + (c - '0');
            pos++;
        }
        if (pos < text.length() && (text.charAt(pos) == '.' || text.charAt(pos) == 'e' || text.charAt(pos) == 'E')) {
            while (pos < text.length() && "0123456789.eE+-".indexOf(text.charAt(pos)) >= 0) {
                pos++;
            }
            try {
                return Double.parseDouble(text.substring(start, pos));
            } catch (NumberFormatException e) {
                throw error("bad number");
            }
        }
        if (pos == digitsStart || pos - digitsStart > 18) {
            if (pos == digitsStart) {
                throw error("expected a value");
            }
            return Double.parseDouble(text.substring(start, pos));
        }
        return negative ? -value : value;
    }

    private void add(String quoted, double number) {
        if (size == texts.length) {
            texts = java.util.Arrays.copyOf(texts, size * 2);
            numbers = java.util.Arrays.copyOf(numbers, size * 2);
        }
        texts[size] = quoted;
        numbers[size] = number;
        size++;
    }

    private static int asInt(double d) {
        if (d != Math.rint(d) || Math.abs(d) > Integer.MAX_VALUE) {
            throw new GwtRpcFormatException("expected an int, got " + d);
        }
        return (int) d;
    }

    private void skipWhitespace() {
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c != ' ' && c != '\n' && c != '\r' && c != '\t') {
                return;
            }
            pos++;
        }
    }

    private char peek() {
        if (pos >= text.length()) {
            throw error("unexpected end of response");
        }
        return text.charAt(pos);
    }

    private boolean consume(char c) {
        if (pos < text.length() && text.charAt(pos) == c) {
            pos++;
            return true;
        }
        return false;
    }

    private void expect(char c) {
        if (!consume(c)) {
            throw error("expected '" + c + "'");
        }
    }

    private GwtRpcFormatException error(String what) {
        int from = Math.max(0, pos - 20);
        int to = Math.min(text.length(), pos + 20);
        return new GwtRpcFormatException(what + " at offset " + pos + " near '" + text.substring(from, to) + "'");
    }
}
