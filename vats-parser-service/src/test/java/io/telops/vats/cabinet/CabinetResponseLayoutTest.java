package io.telops.vats.cabinet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

import io.telops.vats.gwt.GwtBase64;
import io.telops.vats.gwt.GwtRpcFormatException;
import io.telops.vats.gwt.GwtRpcResponse;
import io.telops.vats.gwt.GwtRpcResponseReader;
import io.telops.vats.gwt.GwtRpcResponseWriter;
import io.telops.vats.gwt.GwtRpcStyle;

class CabinetResponseLayoutTest {
    /** The synthetic enabled device form of the research notes (section 1.10), in MTS's legacy quoting. */
    static final String ENABLED_FORM = "//OK[-4,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,2,0,8,1,1,7,0,0,0,6,10,9,5,'CaTEZB',4,"
            + "'CaZQKc',4,1,'CaQxAb',4,3,1,2,1,[\"ru.cti.vpbx.shared.models.form.device.AbonentDeviceFormGWTModel/591779426\","
            + "\"java.util.ArrayList/4159755760\",\"ru.cti.vpbx.shared.models.form.device.AbonentDeviceRecordGWTModel/1158222701\","
            + "\"java.lang.Long/4227064769\",\"mobsip_9990000000\",\"SIP-phone\",\"java.lang.Integer/3438268394\","
            + "\"Generic SIP Phone\",\"sip_9990000000_abc\",\"Qw3rty!x9Z\"],0,7]";

    @Test
    void decodesTheDeviceFormFixture() {
        DeviceForm form = DeviceFormLayout.read(ok(ENABLED_FORM));
        assertThat(form.abonentId()).isEqualTo(GwtBase64.decode("CaQxAb"));
        assertThat(form.devices()).hasSize(1);
        SipDevice device = form.sipDevice().orElseThrow();
        assertThat(device.abonentId()).isEqualTo(GwtBase64.decode("CaQxAb"));
        assertThat(device.enabled()).isTrue();
        assertThat(device.deviceId()).contains(GwtBase64.decode("CaZQKc"));
        assertThat(device.enterpriseId()).contains(GwtBase64.decode("CaTEZB"));
        assertThat(device.lineId()).contains("mobsip_9990000000");
        assertThat(device.sipLogin()).contains("sip_9990000000_abc");
        assertThat(device.sipPassword()).contains("Qw3rty!x9Z");
        assertThat(device.deviceName()).contains("SIP-phone");
        assertThat(device.deviceType()).contains("Generic SIP Phone");
        assertThat(device.lines()).contains(1);
        assertThat(device.toString()).doesNotContain("Qw3rty");
    }

    @Test
    void decodesTheDisabledVariant() {
        DeviceForm form = DeviceFormLayout.read(ok(ENABLED_FORM.replace("'CaZQKc',4,1,'CaQxAb'", "'CaZQKc',4,0,'CaQxAb'")));
        assertThat(form.sipDevice().orElseThrow().enabled()).isFalse();
    }

    @Test
    void aFormWithAnUnexpectedFieldIsALayoutError() {
        // one of the 14 always-null form fields now holds an object of an unknown type
        String changed = ENABLED_FORM.replace("//OK[-4,0,0,", "//OK[-4,0,11,").replace("\"Qw3rty!x9Z\"]",
                "\"Qw3rty!x9Z\",\"ru.cti.vpbx.shared.models.New/1\"]");
        assertThatThrownBy(() -> DeviceFormLayout.read(ok(changed))).isInstanceOf(GwtRpcFormatException.class)
                .hasMessageContaining("unexpected type ru.cti.vpbx.shared.models.New/1");
        String crcChanged = ENABLED_FORM.replace("AbonentDeviceRecordGWTModel/1158222701", "AbonentDeviceRecordGWTModel/1");
        assertThatThrownBy(() -> DeviceFormLayout.read(ok(crcChanged))).isInstanceOf(GwtRpcFormatException.class)
                .hasMessageContaining("signature changed");
        // a token too many: the layout no longer accounts for the whole response
        assertThatThrownBy(() -> DeviceFormLayout.read(ok(ENABLED_FORM.replace("//OK[-4,", "//OK[0,-4,"))))
                .isInstanceOf(GwtRpcFormatException.class).hasMessageContaining("left unread");
    }

    @ParameterizedTest
    @EnumSource(GwtRpcStyle.class)
    void deviceFormRoundTrips(GwtRpcStyle style) {
        SipDevice device = new SipDevice(7L, false, Optional.of(8L), Optional.of(9L), Optional.of("mobsip_9161234567"),
                Optional.of("sip_9161234567_x"), Optional.of("p'<&>\"\\|"), Optional.of("SIP-phone"), Optional.of(1), 1,
                Optional.of("Generic SIP Phone"));
        DeviceForm form = new DeviceForm(7L, List.of(device), 0);
        String body = DeviceFormLayout.response(new GwtRpcResponseWriter(style), form);
        assertThat(DeviceFormLayout.read(ok(body))).isEqualTo(form);
        DeviceForm empty = new DeviceForm(7L, List.of(), 0);
        assertThat(DeviceFormLayout.read(ok(DeviceFormLayout.response(new GwtRpcResponseWriter(style), empty)))).isEqualTo(empty);
    }

    @Test
    void listRowsShowTheSeedReadmeTuples() {
        AbonentRow active = row(GwtBase64.decode("CaONxL"), true, false, true, false);
        AbonentRow off = row(GwtBase64.decode("CaONxM"), false, true, false, true);
        String body = AbonentListLayout.response(new GwtRpcResponseWriter(GwtRpcStyle.GWT_2_7), List.of(active, off));
        assertThat(body).containsPattern("'CaONxL',(\\d+),0,0,1,8,1,0,0,0,0,0,0")
                .containsPattern("'CaONxM',(\\d+),0,0,0,8,0,1,0,1,0,0,0");
        assertThat(AbonentListLayout.read(ok(body))).containsExactly(active, off);
    }

    @ParameterizedTest
    @EnumSource(GwtRpcStyle.class)
    void aThousandRowPageRoundTripsThroughConcat(GwtRpcStyle style) {
        List<AbonentRow> rows = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            rows.add(new AbonentRow(Optional.of("7495" + i), i % 7 == 0 ? Optional.of(2) : Optional.empty(), i % 7 == 0,
                    i % 3 == 0, Optional.of("user" + i + "@example.ru"), i % 5 == 0, i % 2 == 0, 8, i % 3 != 0,
                    Optional.of("Фамилия " + i), Optional.of(0), 2_600_000_000L + i, Optional.of("7916" + (1_000_000 + i)),
                    Optional.of("Абонент «" + i + "»")));
        }
        String body = AbonentListLayout.response(new GwtRpcResponseWriter(style, 4096, 0xFFFF), rows);
        assertThat(body).contains("].concat([");
        assertThat(AbonentListLayout.read(ok(body))).isEqualTo(rows);
    }

    @Test
    void aListOfSomethingElseIsALayoutError() {
        assertThatThrownBy(() -> AbonentListLayout.read(ok(ENABLED_FORM))).isInstanceOf(GwtRpcFormatException.class);
        assertThatThrownBy(() -> AbonentListLayout.read(ok("//OK[0,[],0,7]"))).isInstanceOf(GwtRpcFormatException.class)
                .hasMessageContaining("null");
    }

    static AbonentRow row(long id, boolean activated, boolean deviceOff, boolean binding, boolean forDeletion) {
        return new AbonentRow(Optional.empty(), Optional.empty(), false, deviceOff, Optional.empty(), forDeletion, binding,
                8, activated, Optional.empty(), Optional.empty(), id, Optional.of("79990000000"), Optional.of("Trunk"));
    }

    private static GwtRpcResponse.Ok ok(String body) {
        GwtRpcResponse response = GwtRpcResponseReader.read(body);
        assertThat(response).isInstanceOf(GwtRpcResponse.Ok.class);
        return (GwtRpcResponse.Ok) response;
    }
}
