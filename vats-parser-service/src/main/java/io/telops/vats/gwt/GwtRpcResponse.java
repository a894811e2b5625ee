package io.telops.vats.gwt;

import java.util.List;
import java.util.stream.Collectors;

/** A decoded response: a normal result ({@code //OK}) or a thrown exception ({@code //EX}). */
public sealed interface GwtRpcResponse {
    GwtRpcStream stream();

    record Ok(GwtRpcStream stream) implements GwtRpcResponse {
    }

    record Thrown(GwtRpcStream stream) implements GwtRpcResponse {
        /** Class name of the thrown object (its type is the first token read). */
        public String exceptionType() {
            GwtRpcStream copy = stream.copy();
            int typeIndex = copy.readInt();
            if (typeIndex <= 0 || typeIndex > copy.stringTable().size()) {
                return "unknown";
            }
            return GwtRpcWire.className(copy.stringTable().get(typeIndex - 1));
        }

        /**
         * The exception's message. Throwables serialise {@code detailMessage} as their first field, so
         * the token after the type is a string index; failing that, the table's non-signature strings.
         */
        public String message() {
            GwtRpcStream copy = stream.copy();
            List<String> table = copy.stringTable();
            try {
                copy.readInt();
                int messageIndex = copy.readInt();
                if (messageIndex > 0 && messageIndex <= table.size() && !looksLikeSignature(table.get(messageIndex - 1))) {
                    return table.get(messageIndex - 1);
                }
            } catch (GwtRpcFormatException ignored) {
                // fall through to the table
            }
            return table.stream().filter(s -> !looksLikeSignature(s)).collect(Collectors.joining("; "));
        }

        private static boolean looksLikeSignature(String s) {
            return s.matches("[\\w.$]+/\\d+");
        }
    }
}
