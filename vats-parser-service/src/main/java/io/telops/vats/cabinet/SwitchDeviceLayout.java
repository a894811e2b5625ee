package io.telops.vats.cabinet;

import io.telops.vats.gwt.GwtRpcRequestWriter;
import io.telops.vats.gwt.GwtRpcWire;

/**
 * The device on/off switch: {@code AbonentDeviceFormGwtService}, payload ending {@code CaXXXX|6|{bool}|}
 * (seed README). Declared as {@code switchDevice(Long deviceId, Boolean on)}; the interface and method
 * names are assumed, the tail matches the README. The answer is the abonent's device form.
 */
public final class SwitchDeviceLayout {
    private SwitchDeviceLayout() {
    }

    public static String request(CabinetCall call, long deviceId, boolean on) {
        GwtRpcRequestWriter out = call.start(CabinetTypes.DEVICE_FORM_SERVICE, CabinetTypes.SWITCH_DEVICE_METHOD,
                GwtRpcWire.LONG, GwtRpcWire.BOOLEAN);
        out.writeLongObject(deviceId);
        out.writeBooleanObject(on);
        return out.toRequestBody();
    }
}
