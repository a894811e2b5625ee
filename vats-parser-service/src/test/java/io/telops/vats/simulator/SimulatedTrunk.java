package io.telops.vats.simulator;

import java.util.List;
import java.util.Optional;

import io.telops.vats.cabinet.AbonentRow;
import io.telops.vats.cabinet.DeviceForm;
import io.telops.vats.cabinet.SipDevice;

/** One abonent of the simulated cabinet, with at most one SIP device. Guarded by the simulator's lock. */
final class SimulatedTrunk {
    final long id;
    /** Null when MTS shows no number for the abonent (it fills the number only for some). */
    String phoneNumber;
    String userName;
    boolean activated;
    boolean markedForDeletion;
    boolean bindingWorking;
    boolean blocked;
    Long deviceId;
    boolean deviceEnabled;
    String sipPassword;

    SimulatedTrunk(long id, String phoneNumber, String userName) {
        this.id = id;
        this.phoneNumber = phoneNumber;
        this.userName = userName;
    }

    String lineId() {
        return "mobsip_" + (phoneNumber == null ? Long.toString(id) : phoneNumber.substring(1));
    }

    AbonentRow row() {
        return new AbonentRow(Optional.empty(), blocked ? Optional.of(1) : Optional.empty(), blocked,
                deviceId == null || !deviceEnabled, Optional.empty(), markedForDeletion, bindingWorking, 8, activated,
                Optional.empty(), Optional.empty(), id, Optional.ofNullable(phoneNumber), Optional.of(userName));
    }

    DeviceForm form(long enterpriseId) {
        if (deviceId == null) {
            return new DeviceForm(id, List.of(), 0);
        }
        SipDevice device = new SipDevice(id, deviceEnabled, Optional.of(deviceId), Optional.of(enterpriseId),
                Optional.of(lineId()), Optional.of("sip_" + lineId().substring(7) + "_t"), Optional.of(sipPassword),
                Optional.of("SIP-phone"), Optional.of(1), 1, Optional.of("Generic SIP Phone"));
        return new DeviceForm(id, List.of(device), 0);
    }
}
