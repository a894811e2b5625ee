package io.telops.vats.cabinet;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.telops.vats.gwt.GwtRpcFormatException;
import io.telops.vats.gwt.GwtRpcRequestWriter;
import io.telops.vats.gwt.GwtRpcResponse;
import io.telops.vats.gwt.GwtRpcResponseWriter;
import io.telops.vats.gwt.GwtRpcStream;
import io.telops.vats.gwt.GwtTypeReaders;

/**
 * The abonent list, declared once: {@code AbonentBrowserGwtService.list(AbonentBrowserRequestGWTModel)}.
 *
 * <h2>Request (captured, gwt_mts_parse 2021)</h2>
 * {@code AbonentBrowserRequestGWTModel} fields in wire order:
 * <pre>
 * F1  null
 * F2  Boolean false              (constant in every capture)
 * F3  Boolean filter "blocked"    null = all          [position assumed]
 * F4  Boolean filter "activated"  null = all; the seed sent -2 (back-reference to F2's FALSE)
 * F5  MIGRATION_STATE_TYPE ordinal 0
 * F6  Long contract (enterprise) id, e.g. CaONxK
 * F7  null, F8 null
 * F9  Long page index (A = 0, B = 1, ...)
 * F10 Long page size (Bk = 100)
 * F11 null
 * </pre>
 *
 * <h2>Response (layout assumed; matches the seed README's row fragments)</h2>
 * An {@code ArrayList} of {@code AbonentBrowserRecordGWTModel}; each row's fields in reading order
 * (GWT writes a class's fields sorted by name):
 * <pre>
 * aon              String
 * blockReason      BLOCKED_CODE enum or null
 * blocked          boolean
 * deviceOff        boolean
 * email            String
 * forDeletion      boolean
 * hasBinding       boolean
 * hostKind         int       8 in every row the seed saw
 * isActive         boolean
 * lastName         String
 * migrationState   MIGRATION_STATE_TYPE enum or null
 * objectId         Long      the trunk id
 * phoneNumber      String
 * userName         String
 * </pre>
 * Written out reversed, an active row ends in {@code 'CaXXXX',L,0,0,1,8,1,0,0,0,0,0,0} and a switched-off
 * row marked for deletion in {@code 'CaXXXX',L,0,0,0,8,0,1,0,1,0,0,0} (L: string index of {@code java.lang.Long}), the two tuples the seed README shows.
 * <p>
 * Why {@code 8,1} cannot be a {@code Boolean} object: GWT writes a repeated instance (and
 * {@code Boolean.TRUE} is one instance) as a back-reference after its first appearance, yet the seed
 * saw the same tuple on every row. So the 8 and the flags are primitives.
 */
public final class AbonentListLayout {
    private static final GwtTypeReaders READERS = GwtTypeReaders.builder()
            .arrayList()
            .strict(CabinetTypes.ABONENT_ROW, (in, sig) -> readRow(in))
            .enumType(CabinetTypes.BLOCKED_CODE)
            .enumType(CabinetTypes.MIGRATION_STATE_TYPE)
            .build();

    private AbonentListLayout() {
    }

    /** The request for one page. */
    public static String request(CabinetCall call, long contractId, AbonentFilter filter, long pageIndex, long pageSize) {
        GwtRpcRequestWriter out = call.start(CabinetTypes.ABONENT_BROWSER_SERVICE, CabinetTypes.LIST_METHOD,
                CabinetTypes.ABONENT_BROWSER_REQUEST);
        out.beginObject(CabinetTypes.ABONENT_BROWSER_REQUEST);
        out.writeNull();
        int falseObject = out.writeBooleanObject(false);
        writeFilter(out, filter.blocked(), falseObject);
        writeFilter(out, filter.activated(), falseObject);
        out.writeEnum(call.signature(CabinetTypes.MIGRATION_STATE_TYPE), 0);
        out.writeLongObject(contractId);
        out.writeNull();
        out.writeNull();
        out.writeLongObject(pageIndex);
        out.writeLongObject(pageSize);
        out.writeNull();
        return out.toRequestBody();
    }

    private static void writeFilter(GwtRpcRequestWriter out, Optional<Boolean> value, int falseObject) {
        if (value.isEmpty()) {
            out.writeNull();
        } else if (!value.get()) {
            // Boolean.FALSE is one instance, so GWT refers back to it
            out.writeBackReference(falseObject);
        } else {
            out.writeBooleanObject(true);
        }
    }

    /** Reads one page; fails on any deviation from the declared layout. */
    public static List<AbonentRow> read(GwtRpcResponse.Ok response) {
        GwtRpcStream in = response.stream();
        Object value = in.readObject(READERS).orElseThrow(() -> new GwtRpcFormatException("abonent list is null"));
        if (!(value instanceof List<?> list)) {
            throw new GwtRpcFormatException("abonent list response is not a list");
        }
        in.requireFullyRead("abonent list");
        List<AbonentRow> rows = new ArrayList<>(list.size());
        for (Object item : list) {
            if (!(item instanceof AbonentRow row)) {
                throw new GwtRpcFormatException("abonent list holds a " + item + " instead of a row");
            }
            rows.add(row);
        }
        return rows;
    }

    private static AbonentRow readRow(GwtRpcStream in) {
        Optional<String> aon = in.readString();
        Optional<Integer> blockReason = in.readObject(READERS, GwtTypeReaders.EnumValue.class).map(GwtTypeReaders.EnumValue::ordinal);
        boolean blocked = in.readBoolean();
        boolean deviceOff = in.readBoolean();
        Optional<String> email = in.readString();
        boolean forDeletion = in.readBoolean();
        boolean hasBinding = in.readBoolean();
        int hostKind = in.readInt();
        boolean isActive = in.readBoolean();
        Optional<String> lastName = in.readString();
        Optional<Integer> migration = in.readObject(READERS, GwtTypeReaders.EnumValue.class).map(GwtTypeReaders.EnumValue::ordinal);
        long id = in.readObject(READERS, Long.class)
                .orElseThrow(() -> new GwtRpcFormatException("abonent row without objectId"));
        Optional<String> phone = in.readString();
        Optional<String> userName = in.readString();
        return new AbonentRow(aon, blockReason, blocked, deviceOff, email, forDeletion, hasBinding, hostKind, isActive, lastName,
                migration, id, phone, userName);
    }

    /** Writes one page as the cabinet would (for the simulator). */
    public static String response(GwtRpcResponseWriter out, List<AbonentRow> rows) {
        out.beginArrayList(rows.size());
        for (AbonentRow row : rows) {
            out.beginObject(CabinetTypes.ABONENT_ROW);
            writeString(out, row.aon());
            writeEnum(out, CabinetTypes.BLOCKED_CODE, row.blockReason());
            out.writeBoolean(row.blocked());
            out.writeBoolean(row.deviceOff());
            writeString(out, row.email());
            out.writeBoolean(row.markedForDeletion());
            out.writeBoolean(row.bindingWorking());
            out.writeInt(row.hostKind());
            out.writeBoolean(row.activated());
            writeString(out, row.lastName());
            writeEnum(out, CabinetTypes.MIGRATION_STATE_TYPE, row.migrationState());
            out.writeLongObject(row.id());
            writeString(out, row.phoneNumber());
            writeString(out, row.userName());
        }
        return out.toOkResponse();
    }

    private static void writeString(GwtRpcResponseWriter out, Optional<String> value) {
        if (value.isPresent()) {
            out.writeString(value.get());
        } else {
            out.writeNull();
        }
    }

    private static void writeEnum(GwtRpcResponseWriter out, String signature, Optional<Integer> ordinal) {
        if (ordinal.isPresent()) {
            out.writeEnum(signature, ordinal.get());
        } else {
            out.writeNull();
        }
    }
}
