package io.telops.dashboard.trunks;

import java.util.Arrays;
import java.util.Locale;

/**
 * The one word a trunk's row leads with, strongest first; the other flags are shown beside it as badges.
 * ACTIVE means activated, not marked for deletion, not blocked and with a working number binding.
 */
public enum TrunkStatus {
    DISAPPEARED,
    MARKED_FOR_DELETION,
    DEACTIVATED,
    BLOCKED,
    BINDING_LOST,
    ACTIVE;

    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static TrunkStatus fromLabel(String label) {
        return Arrays.stream(values()).filter(s -> s.label().equalsIgnoreCase(label)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("state must be one of "
                        + Arrays.stream(values()).map(TrunkStatus::label).toList()));
    }

    /** The same precedence in SQL, over the columns of {@code trunk_view}. */
    public static final String SQL = """
            case when not t.present then 'disappeared'
                 when t.marked_for_deletion then 'marked-for-deletion'
                 when not t.activated then 'deactivated'
                 when t.blocked then 'blocked'
                 when not t.binding_working then 'binding-lost'
                 else 'active' end""";
}
