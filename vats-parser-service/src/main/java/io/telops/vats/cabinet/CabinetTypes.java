package io.telops.vats.cabinet;

/**
 * The GWT names of the MTS cabinet (vpbx.mts.ru, module {@code vpbxGwt}): servlet paths, service
 * interfaces, methods and type signatures ({@code name/CRC32}). Signatures marked "captured" come from
 * the public 2021/2024 request captures described in the module README; "assumed" ones were never
 * seen on the wire and are this service's declared guess, to be replaced from a live capture.
 * Enum and JRE signatures are refreshed from {@code <permutation>.cache.js} at every login.
 */
public final class CabinetTypes {
    /** Servlet paths under the module base. */
    public static final String ABONENT_BROWSER_PATH = "AbonentBrowserGwtService";
    public static final String DISPATCHER_PATH = "DispatcherGwtService";
    public static final String DEVICE_FORM_PATH = "AbonentDeviceFormGwtService";

    /** Service interfaces as written in the payload (captured; the device-form one is assumed). */
    public static final String ABONENT_BROWSER_SERVICE = "ru.cti.vpbx.shared.services.AbonentBrowserGwtService";
    public static final String DISPATCHER_SERVICE = "ru.cti.vpbx.shared.services.DispatcherService";
    public static final String DEVICE_FORM_SERVICE = "ru.cti.vpbx.shared.services.AbonentDeviceFormGwtService";

    public static final String LIST_METHOD = "list";
    public static final String GET_FORM_METHOD = "getForm";
    public static final String UPDATE_FORM_METHOD = "updateForm";
    /** Assumed: the seed only documents the payload tail {@code CaXXXX|6|{bool}|}. */
    public static final String SWITCH_DEVICE_METHOD = "switchDevice";

    /** Captured. */
    public static final String ABONENT_BROWSER_REQUEST =
            "ru.cti.vpbx.shared.models.browser.AbonentBrowserRequestGWTModel/3482149540";
    public static final String MIGRATION_STATE_TYPE = "ru.cti.vpbx.shared.enums.MIGRATION_STATE_TYPE/1556569729";
    public static final String DISPATCHER = "ru.cti.vpbx.shared.services.DispatcherService$DISPATCHER/4095484021";
    public static final String RECORD_MODEL = "ru.cti.vpbx.shared.models.codebase.RecordGWTModel/4241958543";
    public static final String DEVICE_FORM = "ru.cti.vpbx.shared.models.form.device.AbonentDeviceFormGWTModel/591779426";
    public static final String DEVICE_RECORD =
            "ru.cti.vpbx.shared.models.form.device.AbonentDeviceRecordGWTModel/1158222701";

    /** Assumed: the class of one abonent row in the list response and its block-reason enum. */
    public static final String ABONENT_ROW = "ru.cti.vpbx.shared.models.browser.AbonentBrowserRecordGWTModel/2911305318";
    public static final String BLOCKED_CODE = "ru.cti.vpbx.shared.enums.BLOCKED_CODE/3375401128";

    /** {@code DISPATCHER} ordinal of the abonent device form (2021 captures: 31). Configurable. */
    public static final int DEVICE_FORM_ORDINAL = 31;

    private CabinetTypes() {
    }
}
