package io.telops.vats.gwt;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Which types a response may contain and how to read each one's instance data. The wire carries no
 * field names, so each application class needs a declared reader; an unknown type, or a known class
 * whose signature CRC changed (its fields changed), is a {@link GwtRpcFormatException}, never a guess.
 * The JRE types with GWT custom field serializers are built in: Long, Boolean, Integer, String
 * (as an object), ArrayList (size, then objects).
 */
public final class GwtTypeReaders {
    /** Reads one instance's data after its type token. */
    @FunctionalInterface
    public interface InstanceReader {
        Object read(GwtRpcStream in, String typeSignature);
    }

    /** An enum constant read from the wire: GWT sends only its ordinal. */
    public record EnumValue(String className, int ordinal) {
    }

    private final Map<String, Entry> byClass;

    private record Entry(String exactSignature, InstanceReader reader) {
    }

    private GwtTypeReaders(Map<String, Entry> byClass) {
        this.byClass = Map.copyOf(byClass);
    }

    public static Builder builder() {
        Builder b = new Builder();
        b.lenient(GwtRpcWire.LONG, (in, sig) -> in.readLong());
        b.lenient(GwtRpcWire.BOOLEAN, (in, sig) -> in.readBoolean());
        b.lenient(GwtRpcWire.INTEGER, (in, sig) -> in.readInt());
        b.lenient(GwtRpcWire.STRING, (in, sig) -> in.readString().orElse(""));
        return b;
    }

    Object read(GwtRpcStream in, String signature) {
        Entry entry = byClass.get(GwtRpcWire.className(signature));
        if (entry == null) {
            throw new GwtRpcFormatException("unexpected type " + signature + " in the response");
        }
        if (entry.exactSignature() != null && !entry.exactSignature().equals(signature)) {
            throw new GwtRpcFormatException("type signature changed: expected " + entry.exactSignature() + ", got " + signature);
        }
        return entry.reader().read(in, signature);
    }

    public static final class Builder {
        private final Map<String, Entry> byClass = new HashMap<>();

        private Builder() {
        }

        /** A class whose field layout is declared: the signature (name and CRC) must match exactly. */
        public Builder strict(String typeSignature, InstanceReader reader) {
            byClass.put(GwtRpcWire.className(typeSignature), new Entry(typeSignature, reader));
            return this;
        }

        /** A type read the same whatever its CRC (JRE types, enums that may grow). */
        public Builder lenient(String typeSignature, InstanceReader reader) {
            byClass.put(GwtRpcWire.className(typeSignature), new Entry(null, reader));
            return this;
        }

        public Builder enumType(String typeSignature) {
            return lenient(typeSignature, (in, sig) -> new EnumValue(GwtRpcWire.className(sig), in.readInt()));
        }

        /** {@code java.util.ArrayList}: size, then each element as an object read with these same readers. */
        public Builder arrayList() {
            byClass.put(GwtRpcWire.className(GwtRpcWire.ARRAY_LIST), new Entry(null, null));
            return this;
        }

        public GwtTypeReaders build() {
            Map<String, Entry> copy = new HashMap<>(byClass);
            GwtTypeReaders[] self = new GwtTypeReaders[1];
            String listClass = GwtRpcWire.className(GwtRpcWire.ARRAY_LIST);
            if (copy.containsKey(listClass)) {
                copy.put(listClass, new Entry(null, (in, sig) -> {
                    int size = in.readInt();
                    if (size < 0 || size > in.remaining()) {
                        throw new GwtRpcFormatException("list size " + size + " exceeds the remaining payload");
                    }
                    List<Object> items = new ArrayList<>(size);
                    for (int i = 0; i < size; i++) {
                        // a null element has no Java representation downstream: keep a marker
                        items.add(in.readObject(self[0]).orElse(NULL_ELEMENT));
                    }
                    return Collections.unmodifiableList(items);
                }));
            }
            self[0] = new GwtTypeReaders(copy);
            return self[0];
        }
    }

    /** Stands for a null element inside a list. */
    public static final Object NULL_ELEMENT = new Object() {
        @Override
        public String toString() {
            return "null";
        }
    };
}
