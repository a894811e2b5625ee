package io.telops.vats.cabinet;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.telops.vats.gwt.GwtRpcFormatException;
import io.telops.vats.gwt.GwtRpcRequestWriter;
import io.telops.vats.gwt.GwtRpcResponse;
import io.telops.vats.gwt.GwtRpcResponseWriter;
import io.telops.vats.gwt.GwtRpcStream;
import io.telops.vats.gwt.GwtRpcWire;
import io.telops.vats.gwt.GwtTypeReaders;

/**
 * The abonent device form, declared once. It travels both ways: {@code DispatcherService.getForm(Long,
 * DISPATCHER 31)} answers with it, {@code updateForm(RecordGWTModel, DISPATCHER 31)} sends it back.
 * Positions come from the captured ADD/DEL request templates of gwt_mts_parse (2021), which the
 * request builder reproduces byte for byte.
 *
 * <h2>AbonentDeviceFormGWTModel</h2>
 * <pre>
 * devices        ArrayList of AbonentDeviceRecordGWTModel
 * removed        ArrayList (empty in every capture)
 * 14 fields      null in every capture; anything else is reported as a layout change
 * abonentId      Long (a back-reference to the first device's abonentId when there is one)
 * </pre>
 * <h2>AbonentDeviceRecordGWTModel</h2>
 * <pre>
 * r1  abonentId    Long
 * r2  enabled      boolean    (the "4,1" on / "4,0" off the seed looked for)
 * r3  deviceId     Long       null for a device not created yet
 * r4  enterpriseId Long
 * r5  lineId       String     "mobsip_XXXXXXXXXX"
 * r6  sipLogin     String     [assumed slot: null in requests]
 * r7  sipPassword  String     [assumed slot: null in requests]
 * r8  deviceName   String     "SIP-phone"
 * r9-r11           null
 * r12 lines        Integer    1
 * r13 kind         int        1
 * r14 deviceType   String     "Generic SIP Phone"
 * r15              null
 * </pre>
 */
public final class DeviceFormLayout {
    static final int NULL_FIELDS = 14;

    private static final GwtTypeReaders READERS = GwtTypeReaders.builder()
            .arrayList()
            .strict(CabinetTypes.DEVICE_FORM, (in, sig) -> readForm(in))
            .strict(CabinetTypes.DEVICE_RECORD, (in, sig) -> readDevice(in))
            .build();

    private DeviceFormLayout() {
    }

    /** {@code getForm(abonentId, DISPATCHER ordinal)}. */
    public static String getFormRequest(CabinetCall call, long abonentId, int formOrdinal) {
        GwtRpcRequestWriter out = call.start(CabinetTypes.DISPATCHER_SERVICE, CabinetTypes.GET_FORM_METHOD,
                GwtRpcWire.LONG, CabinetTypes.DISPATCHER);
        out.writeLongObject(abonentId);
        out.writeEnum(call.signature(CabinetTypes.DISPATCHER), formOrdinal);
        return out.toRequestBody();
    }

    /** {@code updateForm(form, DISPATCHER ordinal)}: ADD (devices given) or DEL (no devices). */
    public static String updateFormRequest(CabinetCall call, DeviceForm form, int formOrdinal) {
        GwtRpcRequestWriter out = call.start(CabinetTypes.DISPATCHER_SERVICE, CabinetTypes.UPDATE_FORM_METHOD,
                CabinetTypes.RECORD_MODEL, CabinetTypes.DISPATCHER);
        new FormWriter(out).form(form);
        out.writeEnum(call.signature(CabinetTypes.DISPATCHER), formOrdinal);
        return out.toRequestBody();
    }

    /** Reads a getForm/updateForm answer; fails on any deviation from the declared layout. */
    public static DeviceForm read(GwtRpcResponse.Ok response) {
        GwtRpcStream in = response.stream();
        DeviceForm form = in.readObject(READERS, DeviceForm.class)
                .orElseThrow(() -> new GwtRpcFormatException("device form is null"));
        in.requireFullyRead("device form");
        return form;
    }

    /** Writes a form as the cabinet answers it (for the simulator). */
    public static String response(GwtRpcResponseWriter out, DeviceForm form) {
        new FormWriter(out).form(form);
        return out.toOkResponse();
    }

    private static DeviceForm readForm(GwtRpcStream in) {
        List<SipDevice> devices = new ArrayList<>();
        for (Object item : in.readObject(READERS, List.class).orElse(List.of())) {
            if (!(item instanceof SipDevice device)) {
                throw new GwtRpcFormatException("device list holds " + item);
            }
            devices.add(device);
        }
        int removed = in.readObject(READERS, List.class).map(List::size).orElse(0);
        for (int i = 0; i < NULL_FIELDS; i++) {
            if (in.readObject(READERS).isPresent()) {
                throw new GwtRpcFormatException("device form field " + (3 + i) + " is set; its meaning is not declared");
            }
        }
        long abonentId = in.readObject(READERS, Long.class)
                .orElseThrow(() -> new GwtRpcFormatException("device form without abonentId"));
        return new DeviceForm(abonentId, devices, removed);
    }

    private static SipDevice readDevice(GwtRpcStream in) {
        long abonentId = in.readObject(READERS, Long.class)
                .orElseThrow(() -> new GwtRpcFormatException("device without abonentId"));
        boolean enabled = in.readBoolean();
        Optional<Long> deviceId = in.readObject(READERS, Long.class);
        Optional<Long> enterpriseId = in.readObject(READERS, Long.class);
        Optional<String> lineId = in.readString();
        Optional<String> login = in.readString();
        Optional<String> password = in.readString();
        Optional<String> name = in.readString();
        for (int i = 0; i < 3; i++) {
            if (in.readObject(READERS).isPresent()) {
                throw new GwtRpcFormatException("device field r" + (9 + i) + " is set; its meaning is not declared");
            }
        }
        Optional<Integer> lines = in.readObject(READERS, Integer.class);
        int kind = in.readInt();
        Optional<String> type = in.readString();
        if (in.readObject(READERS).isPresent()) {
            throw new GwtRpcFormatException("device field r15 is set; its meaning is not declared");
        }
        return new SipDevice(abonentId, enabled, deviceId, enterpriseId, lineId, login, password, name, lines, kind, type);
    }

    /** One writer for requests and simulated responses: both sides number objects the same way. */
    private static final class FormWriter {
        private final GwtRpcRequestWriter request;
        private final GwtRpcResponseWriter response;

        FormWriter(GwtRpcRequestWriter out) {
            this.request = out;
            this.response = null;
        }

        FormWriter(GwtRpcResponseWriter out) {
            this.request = null;
            this.response = out;
        }

        void form(DeviceForm form) {
            begin(CabinetTypes.DEVICE_FORM);
            begin(GwtRpcWire.ARRAY_LIST);
            integer(form.devices().size());
            int abonentObject = 0;
            for (SipDevice device : form.devices()) {
                begin(CabinetTypes.DEVICE_RECORD);
                int abonent = longObject(device.abonentId());
                if (abonentObject == 0 && device.abonentId() == form.abonentId()) {
                    abonentObject = abonent;
                }
                integer(device.enabled() ? 1 : 0);
                optionalLong(device.deviceId());
                optionalLong(device.enterpriseId());
                string(device.lineId());
                string(device.sipLogin());
                string(device.sipPassword());
                string(device.deviceName());
                nulls(3);
                if (device.lines().isPresent()) {
                    begin(GwtRpcWire.INTEGER);
                    integer(device.lines().get());
                } else {
                    nulls(1);
                }
                integer(device.kind());
                string(device.deviceType());
                nulls(1);
            }
            begin(GwtRpcWire.ARRAY_LIST);
            integer(0);
            nulls(NULL_FIELDS);
            if (abonentObject != 0) {
                // the same Long instance as the first device's abonentId
                integer(-abonentObject);
            } else {
                longObject(form.abonentId());
            }
        }

        private int begin(String signature) {
            return request != null ? request.beginObject(signature) : response.beginObject(signature);
        }

        private void integer(int value) {
            if (request != null) {
                request.writeInt(value);
            } else {
                response.writeInt(value);
            }
        }

        private int longObject(long value) {
            return request != null ? request.writeLongObject(value) : response.writeLongObject(value);
        }

        private void optionalLong(Optional<Long> value) {
            if (value.isPresent()) {
                longObject(value.get());
            } else {
                nulls(1);
            }
        }

        private void string(Optional<String> value) {
            if (value.isEmpty()) {
                nulls(1);
            } else if (request != null) {
                request.writeString(value.get());
            } else {
                response.writeString(value.get());
            }
        }

        private void nulls(int count) {
            for (int i = 0; i < count; i++) {
                integer(0);
            }
        }
    }
}
