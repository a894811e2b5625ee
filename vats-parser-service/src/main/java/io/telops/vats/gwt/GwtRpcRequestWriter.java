package io.telops.vats.gwt;

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
public final class GwtRpcRequestWriter extends GwtRpcStreamWriter<GwtRpcRequestWriter> {
    private final StringBuilder payload = new StringBuilder(256);

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

    /** A primitive {@code long}: base-64, unquoted in requests. */
    @Override
    public GwtRpcRequestWriter writeLong(long value) {
        token(GwtBase64.encode(value));
        return this;
    }

    @Override
    public GwtRpcRequestWriter writeDouble(double value) {
        token(value == Math.rint(value) && !Double.isInfinite(value) ? Long.toString((long) value) : Double.toString(value));
        return this;
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

    @Override
    protected void token(String token) {
        payload.append(token).append('|');
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
