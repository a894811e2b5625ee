package io.telops.vats.gwt;

import java.util.List;

/**
 * A decoded GWT-RPC call, as a server sees it ({@code RPC.decodeRequest}): the header and a cursor
 * over the argument values. Used by the cabinet simulator and by codec round-trip tests.
 */
public record GwtRpcRequest(int version, int flags, List<String> strings, String moduleBaseUrl,
                            String policyStrongName, String serviceInterface, String method,
                            List<String> parameterTypes, Values values) {

    /** Reads argument values in the order the client wrote them. */
    public static final class Values {
        private final String[] tokens;
        private final List<String> strings;
        private int position;
        private int objects;

        Values(String[] tokens, int position, List<String> strings) {
            this.tokens = tokens;
            this.position = position;
            this.strings = strings;
        }

        public int readInt() {
            String token = next();
            try {
                return Integer.parseInt(token);
            } catch (NumberFormatException e) {
                throw new GwtRpcFormatException("expected an int at token " + position + ", got '" + token + "'");
            }
        }

        public boolean readBoolean() {
            // ServerSerializationStreamReader: anything but "0" is true
            return !"0".equals(next());
        }

        public long readLong() {
            return GwtBase64.decode(next());
        }

        /** A String field: the string-table entry, or null for index 0. */
        public String readStringOrNull() {
            int index = readInt();
            if (index == 0) {
                return null;
            }
            if (index < 0 || index > strings.size()) {
                throw new GwtRpcFormatException("string index " + index + " outside the table of " + strings.size());
            }
            return strings.get(index - 1);
        }

        /**
         * The header of an object slot: 0 (null), a back-reference, or the type signature of a new
         * object (whose instance data the caller reads next).
         */
        public ObjectSlot readObjectSlot() {
            int token = readInt();
            if (token == 0) {
                return new ObjectSlot.Null();
            }
            if (token < 0) {
                if (-token > objects) {
                    throw new GwtRpcFormatException("back-reference to object #" + -token + " of " + objects);
                }
                return new ObjectSlot.BackReference(-token);
            }
            if (token > strings.size()) {
                throw new GwtRpcFormatException("type index " + token + " outside the table of " + strings.size());
            }
            return new ObjectSlot.NewObject(strings.get(token - 1), ++objects);
        }

        public boolean atEnd() {
            return position >= tokens.length;
        }

        private String next() {
            if (position >= tokens.length) {
                throw new GwtRpcFormatException("Too few tokens in RPC request");
            }
            return tokens[position++];
        }
    }

    /** What an object slot of a request holds. */
    public sealed interface ObjectSlot {
        record Null() implements ObjectSlot {
        }

        record BackReference(int objectNumber) implements ObjectSlot {
        }

        record NewObject(String typeSignature, int objectNumber) implements ObjectSlot {
        }
    }
}
