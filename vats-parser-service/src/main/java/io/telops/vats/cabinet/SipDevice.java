package io.telops.vats.cabinet;

import java.util.Optional;

/**
 * One device of an abonent's device form ({@code AbonentDeviceRecordGWTModel}); components in wire
 * reading order, see {@link DeviceFormLayout}. The SIP password never leaves this record's reader:
 * {@link #toString()} hides it and nothing logs or publishes it.
 */
public record SipDevice(long abonentId, boolean enabled, Optional<Long> deviceId, Optional<Long> enterpriseId,
                        Optional<String> lineId, Optional<String> sipLogin, Optional<String> sipPassword,
                        Optional<String> deviceName, Optional<Integer> lines, int kind, Optional<String> deviceType) {

    /** A new or restored "Generic SIP Phone" as the cabinet's ADD form sends it. */
    public static SipDevice genericSipPhone(long abonentId, Optional<Long> deviceId, long enterpriseId, String lineId) {
        return new SipDevice(abonentId, true, deviceId, Optional.of(enterpriseId), Optional.of(lineId), Optional.empty(),
                Optional.empty(), Optional.of("SIP-phone"), Optional.of(1), 1, Optional.of("Generic SIP Phone"));
    }

    public SipDevice withEnabled(boolean on) {
        return new SipDevice(abonentId, on, deviceId, enterpriseId, lineId, sipLogin, sipPassword, deviceName, lines, kind,
                deviceType);
    }

    @Override
    public String toString() {
        return "SipDevice[abonentId=" + abonentId + ", enabled=" + enabled + ", deviceId=" + deviceId + ", lineId=" + lineId
                + ", sipLogin=" + sipLogin + ", sipPassword=" + sipPassword.map(p -> "***") + ", deviceType=" + deviceType + "]";
    }
}
