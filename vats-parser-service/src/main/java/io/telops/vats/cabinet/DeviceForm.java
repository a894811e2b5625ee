package io.telops.vats.cabinet;

import java.util.List;
import java.util.Optional;

/** An abonent's device form ({@code AbonentDeviceFormGWTModel}): its SIP devices. */
public record DeviceForm(long abonentId, List<SipDevice> devices, int removedDevices) {
    public DeviceForm {
        devices = List.copyOf(devices);
    }

    /** The first SIP device, if the abonent has one. */
    public Optional<SipDevice> sipDevice() {
        return devices.stream().findFirst();
    }
}
