package io.telops.dashboard.trunks;

import io.telops.dashboard.domain.Labelled;

/**
 * The one word a trunk's row leads with, strongest first; the other flags are shown beside it as badges.
 * ACTIVE means activated, not marked for deletion, not blocked and with a working number binding.
 */
public enum TrunkStatus implements Labelled {
    DISAPPEARED,
    MARKED_FOR_DELETION,
    DEACTIVATED,
    BLOCKED,
    BINDING_LOST,
    ACTIVE;

    public static TrunkStatus fromLabel(String label) {
        return Labelled.parse(TrunkStatus.class, "state", label);
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
