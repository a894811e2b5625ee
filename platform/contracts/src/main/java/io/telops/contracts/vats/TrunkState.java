package io.telops.contracts.vats;

import java.util.Optional;

/**
 * What the MTS Virtual PBX cabinet shows for one trunk (an abonent of the "Абоненты" list).
 *
 * @param phoneNumber       11 digits starting with 7
 * @param displayName       the abonent's name in the cabinet
 * @param activated         the trunk is activated: the cabinet's own flag, which no operator action here moves
 * @param markedForDeletion marked for deletion in the cabinet
 * @param bindingWorking    the number binding works
 * @param blocked           blocked by the operator
 * @param sipDeviceOn       a SIP device exists and is switched on; the operator toggle
 *                          ({@code PUT /api/trunks/{id}/activation}) changes only this, never {@code activated}
 */
public record TrunkState(String phoneNumber, Optional<String> displayName, boolean activated, boolean markedForDeletion,
                         boolean bindingWorking, boolean blocked, boolean sipDeviceOn) {
}
