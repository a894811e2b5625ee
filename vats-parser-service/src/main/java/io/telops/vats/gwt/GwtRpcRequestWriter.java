package io.telops.vats.gwt;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes one GWT-RPC call the way GWT's {@code ClientSerializationStreamWriter} does:
 * {@code version|flags|N|s1|...|sN|payload...|}, every token followed by {@code |}. The string table
 * is 1-based and de-duplicated in first-use order; 0 means null. The payload starts with module base,
 * policy strong name, service interface, method, parameter count and the declared parameter types
 * ({@code RemoteServiceProxy.ServiceHelper.start}); the caller then writes the values.
 * <p>
 * Objects are numbered in pre-order as they are started, so a caller can write a back-reference
 * ({@code -n}) to an object it wrote before, as GWT does for a repeated instance.
 */
public final class GwtRpcRequestWriter {
    private final List<String> strings = new ArrayList<>();
    private final Map<String, Integer> stringIndex = new HashMap<>();
    private final StringBuilder payload = new StringBuilder(256);
    private int objects;

    private GwtRpcRequestWriter() {
    }

    /** Starts a call: header strings, then the declared parameter type of each argument. */
    public static GwtRpcRequestWriter call(String moduleBaseUrl, String policyStrongName, String serviceInterface,
                                           String method, String... parameterTypes) {
        if (!policyStrongName.matches("[a-zA-Z0-9_]+")) {
            // the server rejects anything else (ServerSerializationStreamReader.ALLOWED_STRONG_NAME)
            throw new IllegalArgumentException("not a policy strong name: " + policyStrongName);
        }
        GwtRpcRequestWriter writer = new GwtRpcRequestWriter();
        writer.writeString(moduleBaseUrl);
        writer.writeString(policyStrongName);
        writer.writeString(serviceInterface);
        writer.writeString(method);
        writer.writeInt(parameterTypes.length);
        for (String type : parameterTypes) {
            writer.writeString(type);
        }
        return writer;
    }

    public GwtRpcRequestWriter writeInt(int value) {
        return token(Integer.toString(value));
    }

    public GwtRpcRequestWriter writeBoolean(boolean value) {
        return token(value ? "1" : "0");
    }

    /** A primitive {@code long}: base-64, unquoted in requests. */
    public GwtRpcRequestWriter writeLong(long value) {
        return token(GwtBase64.encode(value));
    }

    public GwtRpcRequestWriter writeDouble(double value) {
        return token(value == Math.rint(value) && !Double.isInfinite(value) ? Long.toString((long) value) : Double.toString(value));
    }

    /** A {@code String} field: its string-table index. */
    public GwtRpcRequestWriter writeString(String value) {
        return writeInt(indexOf(value));
    }

    /** A null object or null String field. */
    public GwtRpcRequestWriter writeNull() {
        return token("0");
    }

    /** Starts a new object of the given runtime type; returns its object number for back-references. */
    public int beginObject(String typeSignature) {
        writeString(typeSignature);
        return ++objects;
    }

    public GwtRpcRequestWriter writeBackReference(int objectNumber) {
        if (objectNumber < 1 || objectNumber > objects) {
            throw new IllegalArgumentException("no object #" + objectNumber + " written yet");
        }
        return token(Integer.toString(-objectNumber));
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

    /** The request body. */
    public String toRequestBody() {
        StringBuilder out = new StringBuilder(payload.length() + strings.size() * 40 + 16);
        out.append(GwtRpcWire.VERSION).append('|').append(0).append('|').append(strings.size()).append('|');
        for (String s : strings) {
            escape(s, out);
            out.append('|');
        }
        return out.append(payload).toString();
    }

    @Override
    public String toString() {
        return toRequestBody();
    }

    private int indexOf(String value) {
        return stringIndex.computeIfAbsent(value, v -> {
            strings.add(v);
            return strings.size();
        });
    }

    private GwtRpcRequestWriter token(String token) {
        payload.append(token).append('|');
        return this;
    }

    /** {@code ClientSerializationStreamWriter.quoteString}: the server accepts only these escapes. */
    private static void escape(String s, StringBuilder out) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '|' -> out.append("\\!");
                case '\0' -> out.append("\\0");
                default -> {
                    if (Character.isSurrogate(c) || (c >= 0xD800)) {
                        out.append(String.format("\\u%04X", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
    }
}
