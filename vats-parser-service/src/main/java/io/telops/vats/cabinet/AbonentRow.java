package io.telops.vats.cabinet;

import java.util.Optional;

/**
 * One row of the cabinet's abonent list ("Абоненты"): a trunk. Components are in wire reading order;
 * see {@link AbonentListLayout} for the positions.
 *
 * @param aon              caller-id number shown for the abonent
 * @param blockReason      ordinal of the {@code BLOCKED_CODE} enum when blocked
 * @param blocked          blocked by the operator
 * @param deviceOff        the SIP device is switched off
 * @param email            contact e-mail
 * @param markedForDeletion marked for deletion ("отмечен для удаления")
 * @param bindingWorking   the SIM/number binding works
 * @param hostKind         a constant-looking int (8 in every row the seed saw)
 * @param activated        activated ("признак активации")
 * @param lastName         abonent's last name
 * @param migrationState   ordinal of {@code MIGRATION_STATE_TYPE}
 * @param id               the abonent (trunk) entity id, sent as a GWT base-64 long
 * @param phoneNumber      the number, 11 digits starting with 7
 * @param userName         display name
 */
public record AbonentRow(Optional<String> aon, Optional<Integer> blockReason, boolean blocked, boolean deviceOff,
                         Optional<String> email, boolean markedForDeletion, boolean bindingWorking, int hostKind,
                         boolean activated,
                         Optional<String> lastName, Optional<Integer> migrationState, long id,
                         Optional<String> phoneNumber, Optional<String> userName) {
}
