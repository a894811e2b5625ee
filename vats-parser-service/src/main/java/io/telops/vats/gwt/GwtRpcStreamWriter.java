package io.telops.vats.gwt;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What GWT's request and response writers share: the 1-based, de-duplicated string table (0 means null),
 * pre-order object numbering for back-references, and the object encodings built from primitives.
 * Subclasses decide how a token is laid out on the wire and how longs and doubles are spelled.
 */
public abstract sealed class GwtRpcStreamWriter<W extends GwtRpcStreamWriter<W>>
        permits GwtRpcRequestWriter, GwtRpcResponseWriter {
    protected final List<String> strings = new ArrayList<>();
    private final Map<String, Integer> stringIndex = new HashMap<>();
    private int objects;

    /** Appends one value token in reading order. */
    protected abstract void token(String token);

    public abstract W writeLong(long value);

    public abstract W writeDouble(double value);

    public W writeInt(int value) {
        token(Integer.toString(value));
        return self();
    }

    public W writeBoolean(boolean value) {
        return writeInt(value ? 1 : 0);
    }

    /** A {@code String} field: its string-table index. */
    public W writeString(String value) {
        return writeInt(stringIndex.computeIfAbsent(value, v -> {
            strings.add(v);
            return strings.size();
        }));
    }

    /** A null object or null String field. */
    public W writeNull() {
        return writeInt(0);
    }

    /** Starts a new object of the given runtime type; returns its object number for back-references. */
    public int beginObject(String typeSignature) {
        writeString(typeSignature);
        return ++objects;
    }

    public W writeBackReference(int objectNumber) {
        if (objectNumber < 1 || objectNumber > objects) {
            throw new IllegalArgumentException("no object #" + objectNumber + " written yet");
        }
        return writeInt(-objectNumber);
    }

    /** A {@code java.lang.Long} object (custom field serializer: one primitive long). */
    public int writeLongObject(long value) {
        int number = beginObject(GwtRpcWire.LONG);
        writeLong(value);
        return number;
    }

    public int writeBooleanObject(boolean value) {
        int number = beginObject(GwtRpcWire.BOOLEAN);
        writeBoolean(value);
        return number;
    }

    public int writeIntegerObject(int value) {
        int number = beginObject(GwtRpcWire.INTEGER);
        writeInt(value);
        return number;
    }

    /** An enum constant: its type, then its ordinal. */
    public int writeEnum(String typeSignature, int ordinal) {
        int number = beginObject(typeSignature);
        writeInt(ordinal);
        return number;
    }

    /** Starts an {@code ArrayList}: type and size; the caller writes {@code size} objects next. */
    public int beginArrayList(int size) {
        int number = beginObject(GwtRpcWire.ARRAY_LIST);
        writeInt(size);
        return number;
    }

    public int objectCount() {
        return objects;
    }

    @SuppressWarnings("unchecked")
    private W self() {
        return (W) this;
    }
}
