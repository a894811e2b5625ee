package io.telops.provisioning.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import io.telops.provisioning.render.GoldenFixtures;
import io.telops.provisioning.render.Section;
import io.telops.provisioning.render.Setting;
import io.telops.provisioning.render.TemplateDocument;
import io.telops.provisioning.render.Vendor;

class TemplateJsonTest {
    @Test
    void readsTheSeedsSnomShapeWithAttributes() {
        String seed = """
                {"_id":"ui/snom/3xx/320-1","endpoint_brand":"snom","endpoint_family":"3xx","endpoint_model":"320-1",
                 "usr_keys":{"setable_phone_keys":"12","setable_phone_key_counter":"1","setable_phone_key_value":"fkey",
                             "setable_module_keys":"24","setable_module_key_counter":"1","setable_module_key_value":"extkey"},
                 "cfg_account":{"phone-settings":{
                     "user_name":{"@value":"{SIPAUTHNAME}","@attributes":{"idx":"{ACCOUNT}","perm":"RW"}},
                     "user_host":{"@value":"{REGISTRAR_SERVER}","@attributes":{"idx":"{ACCOUNT}","perm":"RW"}},
                     "@attributes":{"e":"2"}}},
                 "pvt_counter":1,"pvt_type":"provisioner","pvt_generator":"json2xml"}""";
        TemplateDocument t = TemplateJson.read(seed);
        assertThat(t.id()).isEqualTo("ui/snom/3xx/320-1");
        assertThat(t.usrKeys().phoneKeys()).isEqualTo(12);
        assertThat(t.usrKeys().moduleKeyValue()).isEqualTo("extkey");
        assertThat(t.section(Section.ACCOUNT)).extracting(Setting::name).containsExactly("user_name", "user_host");
        assertThat(t.section(Section.ACCOUNT).get(0).attributes()).containsEntry("idx", "{ACCOUNT}").containsEntry("perm", "RW");
    }

    @Test
    void readsTheSeedsMitelPlainShapeDroppingCommentsAndTheDelimiterSpace() {
        String seed = """
                {"endpoint_brand":"mitel","endpoint_family":"67xx","endpoint_model":"6753-1",
                 "cfg_account":{"sip line{ACCOUNT} user name":{"value":" {SIPUSERNAME}"}},
                 "cfg_base":{"# Setup DHCP mode":{"value":null},"download protocol":{"value":" HTTP"}}}""";
        TemplateDocument t = TemplateJson.read(seed);
        assertThat(t.section(Section.ACCOUNT)).containsExactly(Setting.of("sip line{ACCOUNT} user name", "{SIPUSERNAME}"));
        assertThat(t.section(Section.BASE)).containsExactly(Setting.of("download protocol", "HTTP"));
        assertThat(t.accountCounter()).isEqualTo(1);
    }

    @Test
    void writeThenReadIsLossless() {
        for (Vendor v : Vendor.values()) {
            TemplateDocument t = GoldenFixtures.template(v);
            TemplateDocument back = TemplateJson.read(TemplateJson.write(t, t.id()));
            assertThat(back).as(v.name()).isEqualTo(t);
        }
    }

    @Test
    void accountSectionIsMandatory() {
        assertThatThrownBy(() -> TemplateJson.read("{\"endpoint_brand\":\"yealink\",\"endpoint_family\":\"t4x\",\"endpoint_model\":\"t46s\"}"))
                .hasMessageContaining("cfg_account");
    }
}
