package io.telops.vats.gwt;

import java.util.ArrayList;
import java.util.List;

/**
 * Writes a GWT-RPC response like GWT's {@code ServerSerializationStreamWriter}: values are written in
 * reading order and emitted reversed ("so the client can simply use the pop function"), then the
 * string table as a nested array, then flags and version: {@code //OK[...reversed...,["s1",...],0,7]}.
 * Arrays longer than {@code maxArrayLength} are split with {@code ].concat([} and {@code ],[}
 * ({@code LengthConstrainedArray}); strings longer than {@code maxStringNodeLength} are split into
 * {@code "a"+"b"} nodes ({@code escapeStringSplitNodes}). Used by the cabinet simulator and tests.
 */
public final class GwtRpcResponseWriter extends GwtRpcStreamWriter<GwtRpcResponseWriter> {
    /** GWT's {@code LengthConstrainedArray.MAXIMUM_ARRAY_LENGTH}. */
    public static final int MAXIMUM_ARRAY_LENGTH = 1 << 15;
    /** GWT's {@code MAX_STRING_NODE_LENGTH}. */
    public static final int MAX_STRING_NODE_LENGTH = 0xFFFF;

    private final GwtRpcStyle style;
    private final int maxArrayLength;
    private final int maxStringNodeLength;
    private final List<String> tokens = new ArrayList<>();

    public GwtRpcResponseWriter(GwtRpcStyle style) {
        this(style, MAXIMUM_ARRAY_LENGTH, MAX_STRING_NODE_LENGTH);
    }

    public GwtRpcResponseWriter(GwtRpcStyle style, int maxArrayLength, int maxStringNodeLength) {
        if (maxArrayLength < 1 || maxStringNodeLength < 8) {
            throw new IllegalArgumentException("limits too small");
        }
        this.style = style;
        this.maxArrayLength = maxArrayLength;
        this.maxStringNodeLength = maxStringNodeLength;
    }

    @Override
    protected void token(String token) {
        tokens.add(token);
    }

    @Override
    public GwtRpcResponseWriter writeDouble(double value) {
        tokens.add(value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value) : Double.toString(value));
        return this;
    }

    /** A primitive long: quoted base-64 ({@code 'Bk'} on 2.7, {@code "Bk"} on 2.8). */
    @Override
    public GwtRpcResponseWriter writeLong(long value) {
        char quote = style == GwtRpcStyle.GWT_2_7 ? '\'' : '"';
        tokens.add(quote + GwtBase64.encode(value) + quote);
        return this;
    }

    /** {@code //OK} + the stream. */
    public String toOkResponse() {
        return "//OK" + encode();
    }

    /** {@code //EX} + the stream: the written object is the thrown exception. */
    public String toThrownResponse() {
        return "//EX" + encode();
    }

    /** An {@code IncompatibleRemoteServiceException} the way a stock GWT servlet reports it. */
    public static String incompatibleRemoteService(GwtRpcStyle style, String message) {
        GwtRpcResponseWriter writer = new GwtRpcResponseWriter(style);
        writer.beginObject(GwtRpcWire.INCOMPATIBLE_REMOTE_SERVICE_EXCEPTION);
        writer.writeString(message);
        return writer.toThrownResponse();
    }

    private String encode() {
        StringBuilder table = new StringBuilder(strings.size() * 48 + 8);
        ConstrainedArray tableArray = new ConstrainedArray(table);
        for (String s : strings) {
            tableArray.add(escape(s));
        }
        tableArray.finish();

        StringBuilder out = new StringBuilder(tokens.size() * 4 + table.length() + 16);
        ConstrainedArray array = new ConstrainedArray(out);
        for (int i = tokens.size() - 1; i >= 0; i--) {
            array.add(tokens.get(i));
        }
        array.add(table);
        array.add("0");
        array.add(Integer.toString(GwtRpcWire.VERSION));
        array.finish();
        return out.toString();
    }

    private String escape(String s) {
        StringBuilder out = new StringBuilder(s.length() + 8).append('"');
        int nodeStart = out.length();
        for (int i = 0; i < s.length(); i++) {
            if (out.length() - nodeStart >= maxStringNodeLength - 6) {
                out.append("\"+\"");
                nodeStart = out.length();
            }
            char c = s.charAt(i);
            if (!needsEscape(c)) {
                out.append(c);
                continue;
            }
            switch (c) {
                case '\b' -> out.append("\\b");
                case '\t' -> out.append("\\t");
                case '\n' -> out.append("\\n");
                case '\f' -> out.append("\\f");
                case '\r' -> out.append("\\r");
                case '\\' -> out.append("\\\\");
                case '"' -> out.append("\\\"");
                default -> {
                    if (style == GwtRpcStyle.GWT_2_7 && c < 0x100) {
                        out.append(String.format("\\x%02X", (int) c));
                    } else {
                        out.append(String.format("\\u%04X", (int) c));
                    }
                }
            }
        }
        return out.append('"').toString();
    }

    /** {@code ServerSerializationStreamWriter.needsUnicodeEscape}. */
    static boolean needsEscape(char c) {
        switch (c) {
            case ' ':
                return false;
            case '"': case '\\': case '\u2011': case '\'': case '&': case '<': case '=': case '>':
                return true;
            default:
                if (c < ' ') {
                    return true;
                }
                if (c < 0x7f) {
                    return false;
                }
                return switch (Character.getType(c)) {
                    case Character.COMBINING_SPACING_MARK, Character.ENCLOSING_MARK, Character.NON_SPACING_MARK,
                         Character.UNASSIGNED, Character.PRIVATE_USE, Character.SPACE_SEPARATOR, Character.CONTROL,
                         Character.LINE_SEPARATOR, Character.FORMAT, Character.PARAGRAPH_SEPARATOR,
                         Character.SURROGATE -> true;
                    default -> false;
                };
        }
    }

    /** GWT's {@code LengthConstrainedArray}: {@code [a,b].concat([c,d],[e])} past the length limit. */
    private final class ConstrainedArray {
        private final StringBuilder out;
        private int count;
        private int total;
        private boolean needsComma;

        ConstrainedArray(StringBuilder out) {
            this.out = out.append('[');
        }

        void add(CharSequence token) {
            total++;
            if (count++ == maxArrayLength) {
                out.append(total == maxArrayLength + 1 ? "].concat([" : "],[");
                count = 1;
                needsComma = false;
            }
            if (needsComma) {
                out.append(',');
            }
            needsComma = true;
            out.append(token);
        }

        void finish() {
            out.append(total > maxArrayLength ? "])" : "]");
        }
    }
}
