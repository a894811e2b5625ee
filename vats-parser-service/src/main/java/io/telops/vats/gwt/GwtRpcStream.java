package io.telops.vats.gwt;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The decoded stream of a response, read like GWT's {@code ClientSerializationStreamReader}: each read
 * pops the next payload token from the end of the array. Objects read through {@link #readObject}
 * are numbered in pre-order ({@code reserveDecodedObjectIndex} before the instance data), so
 * {@code -n} resolves to the n-th object started.
 */
public final class GwtRpcStream {
    private static final Object RESERVED = new Object();

    private final int version;
    private final int flags;
    private final List<String> table;
    private final String[] texts;
    private final double[] numbers;
    private final int length;
    private int index;
    private final List<Object> seen = new ArrayList<>();

    GwtRpcStream(int version, int flags, List<String> table, String[] texts, double[] numbers, int payloadLength) {
        this.version = version;
        this.flags = flags;
        this.table = table;
        this.texts = texts;
        this.numbers = numbers;
        this.length = payloadLength;
        this.index = payloadLength;
    }

    public int version() {
        return version;
    }

    public int flags() {
        return flags;
    }

    public List<String> stringTable() {
        return table;
    }

    /** Payload tokens not read yet. */
    public int remaining() {
        return index;
    }

    /** A fresh cursor over the same payload, from its start. */
    public GwtRpcStream copy() {
        return new GwtRpcStream(version, flags, table, texts, numbers, length);
    }

    public int readInt() {
        double d = readNumber("an int");
        int i = (int) d;
        if (i != d) {
            throw new GwtRpcFormatException("expected an int at token " + index + ", got " + d);
        }
        return i;
    }

    public boolean readBoolean() {
        return readNumber("a boolean") != 0;
    }

    public double readDouble() {
        int at = next();
        if (texts[at] != null) {
            // GWT 2.8 writes NaN and infinities as strings
            return switch (texts[at]) {
                case "NaN" -> Double.NaN;
                case "Infinity" -> Double.POSITIVE_INFINITY;
                case "-Infinity" -> Double.NEGATIVE_INFINITY;
                default -> throw new GwtRpcFormatException("expected a double at token " + at + ", got '" + texts[at] + "'");
            };
        }
        return numbers[at];
    }

    /** A primitive long: a quoted base-64 token (version 7+), or two doubles in version 5. */
    public long readLong() {
        if (version == GwtRpcWire.MIN_VERSION) {
            return (long) readDouble() + (long) readDouble();
        }
        int at = next();
        if (texts[at] == null) {
            throw new GwtRpcFormatException("expected a quoted base-64 long at token " + at + ", got " + numbers[at]);
        }
        return GwtBase64.decode(texts[at]);
    }

    /** A String field: the string-table entry, absent for index 0. */
    public Optional<String> readString() {
        return Optional.ofNullable(string(readInt()));
    }

    /** The next object: absent for null, a back-reference's target, or a new instance read by its reader. */
    public Optional<Object> readObject(GwtTypeReaders readers) {
        int token = readInt();
        if (token == 0) {
            return Optional.empty();
        }
        if (token < 0) {
            int number = -token;
            if (number > seen.size()) {
                throw new GwtRpcFormatException("back-reference to object #" + number + " but only " + seen.size() + " read");
            }
            Object target = seen.get(number - 1);
            if (target == RESERVED) {
                throw new GwtRpcFormatException("back-reference to object #" + number + " that is still being read (cycle)");
            }
            return Optional.of(target);
        }
        String signature = string(token);
        if (signature == null) {
            throw new GwtRpcFormatException("null type signature");
        }
        int slot = seen.size();
        seen.add(RESERVED);
        Object instance = readers.read(this, signature);
        seen.set(slot, instance);
        return Optional.of(instance);
    }

    /** The next object, which must be of the given Java type (or null). */
    public <T> Optional<T> readObject(GwtTypeReaders readers, Class<T> type) {
        return readObject(readers).map(o -> {
            if (!type.isInstance(o)) {
                throw new GwtRpcFormatException("expected " + type.getSimpleName() + " but read " + o.getClass().getSimpleName());
            }
            return type.cast(o);
        });
    }

    /** Fails unless every payload token was read: a declared layout must account for the whole response. */
    public void requireFullyRead(String what) {
        if (index != 0) {
            throw new GwtRpcFormatException(what + ": " + index + " payload tokens left unread; the layout does not match");
        }
    }

    private String string(int i) {
        if (i == 0) {
            return null;
        }
        if (i < 0 || i > table.size()) {
            throw new GwtRpcFormatException("string index " + i + " outside the table of " + table.size());
        }
        return table.get(i - 1);
    }

    private double readNumber(String what) {
        int at = next();
        if (texts[at] != null) {
            throw new GwtRpcFormatException("expected " + what + " at token " + at + ", got '" + texts[at] + "'");
        }
        return numbers[at];
    }

    private int next() {
        if (index <= 0) {
            throw new GwtRpcFormatException("read past the end of the payload");
        }
        return --index;
    }
}
