package io.telops.vats.cabinet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import io.telops.vats.gwt.GwtBase64;

/**
 * The request builders reproduce, byte for byte, the payload templates of gwt_mts_parse
 * (long_string_requests.py, 2021) and a 2024 third-party capture, filled with their own fixture values.
 */
class CabinetRequestGoldenTest {
    private static final String BASE = "https://vpbx.mts.ru/vpbxGwt/";
    private static final String LIST_POLICY = "3D7E196DA92A574D98BAC0DEE7D909C8";
    private static final String DISPATCHER_POLICY = "EAA49B7B1A97DFBDC367A2E2573FB3B7";

    @Test
    void abonentListPageMatchesTheSeedTemplate() {
        // TRUNKS_LIST_PAYLOAD + '|-2|7|0|8|{id}|0|0|8|{page}|8|Bk|0|' with id CaONxK, page B
        String expected = "7|0|8|https://vpbx.mts.ru/vpbxGwt/|3D7E196DA92A574D98BAC0DEE7D909C8|"
                + "ru.cti.vpbx.shared.services.AbonentBrowserGwtService|list|"
                + "ru.cti.vpbx.shared.models.browser.AbonentBrowserRequestGWTModel/3482149540|java.lang.Boolean/476441737|"
                + "ru.cti.vpbx.shared.enums.MIGRATION_STATE_TYPE/1556569729|java.lang.Long/4227064769|1|2|3|4|1|5|5|0|6|0|0"
                + "|-2|7|0|8|CaONxK|0|0|8|B|8|Bk|0|";
        String actual = AbonentListLayout.request(new CabinetCall(BASE, LIST_POLICY, Map.of()), GwtBase64.decode("CaONxK"),
                new AbonentFilter(Optional.empty(), Optional.of(false)), 1, 100);
        assertThat(actual).isEqualTo(expected);
    }

    @Test
    void allFilterWritesNullsInBothFilterSlots() {
        String actual = AbonentListLayout.request(new CabinetCall(BASE, LIST_POLICY, Map.of()), 2587417674L,
                AbonentFilter.ALL, 0, 100);
        assertThat(actual).endsWith("|1|2|3|4|1|5|5|0|6|0|0|0|7|0|8|CaONxK|0|0|8|A|8|Bk|0|");
    }

    @ParameterizedTest
    @CsvSource({
            // the seed README's {filter} values: 0 all, -2 the seed's request (FALSE), -1 the third option (TRUE)
            "0, |0|6|0|0|0|7|0|8|CaONxK|0|0|8|A|8|Bk|0|",
            "-2, |0|6|0|0|-2|7|0|8|CaONxK|0|0|8|A|8|Bk|0|",
            "-1, |0|6|0|0|6|1|7|0|8|CaONxK|0|0|8|A|8|Bk|0|",
    })
    void everyFilterValueOfTheSeedIsWrittenAsAValidRequest(int seedCode, String tail) {
        String actual = AbonentListLayout.request(new CabinetCall(BASE, LIST_POLICY, Map.of()), 2587417674L,
                AbonentFilter.ofSeedCode(seedCode), 0, 100);
        assertThat(actual).endsWith("|1|2|3|4|1|5|5" + tail);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, -3, 2})
    void otherFilterValuesAreRefusedNamingTheValidOnes(int seedCode) {
        assertThatThrownBy(() -> AbonentFilter.ofSeedCode(seedCode)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("0, -1 or -2");
    }

    @Test
    void getFormMatchesTheSeedTemplateAndTheNewerCapture() {
        String seed = "7|0|6|https://vpbx.mts.ru/vpbxGwt/|EAA49B7B1A97DFBDC367A2E2573FB3B7|"
                + "ru.cti.vpbx.shared.services.DispatcherService|getForm|java.lang.Long/4227064769|"
                + "ru.cti.vpbx.shared.services.DispatcherService$DISPATCHER/4095484021|1|2|3|4|2|5|6|5|CaQxAb|6|31|";
        assertThat(DeviceFormLayout.getFormRequest(new CabinetCall(BASE, DISPATCHER_POLICY, Map.of()),
                GwtBase64.decode("CaQxAb"), 31)).isEqualTo(seed);

        // 2024: the DISPATCHER enum's CRC changed after a redeploy; the discovered signature wins
        String capture = "7|0|6|https://vpbx.mts.ru/vpbxGwt/|3945293F25DF8E22A327D69B6BEF95C5|"
                + "ru.cti.vpbx.shared.services.DispatcherService|getForm|java.lang.Long/4227064769|"
                + "ru.cti.vpbx.shared.services.DispatcherService$DISPATCHER/1933436215|1|2|3|4|2|5|6|5|CbwhyN|6|50|";
        CabinetCall redeployed = new CabinetCall(BASE, "3945293F25DF8E22A327D69B6BEF95C5", Map.of(
                "ru.cti.vpbx.shared.services.DispatcherService$DISPATCHER",
                "ru.cti.vpbx.shared.services.DispatcherService$DISPATCHER/1933436215"));
        assertThat(DeviceFormLayout.getFormRequest(redeployed, 2613189773L, 50)).isEqualTo(capture);
    }

    @Test
    void addSipDeviceMatchesTheSeedTemplate() {
        // TRUNK_ADD_SIP at 85ee937 with its hard-coded ids CaZQKc (device) and CaTEZB (contract)
        String expected = "7|0|14|https://vpbx.mts.ru/vpbxGwt/|EAA49B7B1A97DFBDC367A2E2573FB3B7|"
                + "ru.cti.vpbx.shared.services.DispatcherService|updateForm|"
                + "ru.cti.vpbx.shared.models.codebase.RecordGWTModel/4241958543|"
                + "ru.cti.vpbx.shared.services.DispatcherService$DISPATCHER/4095484021|"
                + "ru.cti.vpbx.shared.models.form.device.AbonentDeviceFormGWTModel/591779426|java.util.ArrayList/4159755760|"
                + "ru.cti.vpbx.shared.models.form.device.AbonentDeviceRecordGWTModel/1158222701|java.lang.Long/4227064769|"
                + "mobsip_9990000000|SIP-phone|java.lang.Integer/3438268394|Generic SIP Phone|1|2|3|4|2|5|6|7|8|1|9|10|"
                + "CaQxAb|1|10|CaZQKc|10|CaTEZB|11|0|0|12|0|0|0|13|1|1|14|0|8|0|0|0|0|0|0|0|0|0|0|0|0|0|0|0|-4|6|31|";
        long abonent = GwtBase64.decode("CaQxAb");
        SipDevice device = SipDevice.genericSipPhone(abonent, Optional.of(GwtBase64.decode("CaZQKc")),
                GwtBase64.decode("CaTEZB"), "mobsip_9990000000");
        String actual = DeviceFormLayout.updateFormRequest(new CabinetCall(BASE, DISPATCHER_POLICY, Map.of()),
                new DeviceForm(abonent, List.of(device), 0), 31);
        assertThat(actual).isEqualTo(expected);
    }

    @Test
    void deleteSipDeviceMatchesTheSeedTemplate() {
        String expected = "7|0|9|https://vpbx.mts.ru/vpbxGwt/|EAA49B7B1A97DFBDC367A2E2573FB3B7|"
                + "ru.cti.vpbx.shared.services.DispatcherService|updateForm|"
                + "ru.cti.vpbx.shared.models.codebase.RecordGWTModel/4241958543|"
                + "ru.cti.vpbx.shared.services.DispatcherService$DISPATCHER/4095484021|"
                + "ru.cti.vpbx.shared.models.form.device.AbonentDeviceFormGWTModel/591779426|java.util.ArrayList/4159755760|"
                + "java.lang.Long/4227064769|1|2|3|4|2|5|6|7|8|0|8|0|0|0|0|0|0|0|0|0|0|0|0|0|0|0|9|CaQxAb|6|31|";
        String actual = DeviceFormLayout.updateFormRequest(new CabinetCall(BASE, DISPATCHER_POLICY, Map.of()),
                new DeviceForm(GwtBase64.decode("CaQxAb"), List.of(), 0), 31);
        assertThat(actual).isEqualTo(expected);
    }

    @Test
    void deviceSwitchEndsLikeTheSeedReadme() {
        String actual = SwitchDeviceLayout.request(new CabinetCall(BASE, "ABCDEF0123456789ABCDEF0123456789", Map.of()),
                GwtBase64.decode("CaZQKc"), true);
        assertThat(actual).endsWith("|CaZQKc|6|1|");
        assertThat(SwitchDeviceLayout.request(new CabinetCall(BASE, "ABCDEF0123456789ABCDEF0123456789", Map.of()),
                GwtBase64.decode("CaZQKc"), false)).endsWith("|CaZQKc|6|0|");
    }
}
