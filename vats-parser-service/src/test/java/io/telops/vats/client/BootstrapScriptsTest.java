package io.telops.vats.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

class BootstrapScriptsTest {
    @Test
    void findsTheSinglePermutationWhateverTheVariableIsCalled() {
        assertThat(BootstrapScripts.permutation("var a='x',bc='02DC99360471CAF1F0FDC34C0A47D87E',cc='.cache.js';"))
                .isEqualTo("02DC99360471CAF1F0FDC34C0A47D87E");
        assertThat(BootstrapScripts.permutation("strongName = \"4F3A39F8A8855D9244397AB61F97306B\";"))
                .isEqualTo("4F3A39F8A8855D9244397AB61F97306B");
    }

    @Test
    void picksTheSafariPermutationWhenThereAreSeveral() {
        String js = "unflattenKeylistIntoAnswers(['gecko1_8'], '11111111111111111111111111111111');"
                + "unflattenKeylistIntoAnswers(['safari'], '22222222222222222222222222222222');";
        assertThat(BootstrapScripts.permutation(js)).isEqualTo("22222222222222222222222222222222");
        assertThatThrownBy(() -> BootstrapScripts.permutation("var x=1;")).isInstanceOf(CabinetException.UnexpectedLayout.class)
                .hasMessageContaining("no permutation");
    }

    @Test
    void readsPoliciesSignaturesAndVersionFromCacheJs() {
        String js = "var $gwt_version = \"2.7.0\";function a(){Hxb.call(this,Ixb(),'AbonentBrowserGwtService',"
                + "'3D7E196DA92A574D98BAC0DEE7D909C8',Jxb)}function b(){Hxb.call(this,Ixb(),'DispatcherGwtService', "
                + "'EAA49B7B1A97DFBDC367A2E2573FB3B7',Jxb)}Zk(1,'ru.cti.vpbx.shared.services.DispatcherService$DISPATCHER/1933436215');";
        assertThat(BootstrapScripts.policies(js, List.of("AbonentBrowserGwtService", "DispatcherGwtService")))
                .containsEntry("AbonentBrowserGwtService", "3D7E196DA92A574D98BAC0DEE7D909C8")
                .containsEntry("DispatcherGwtService", "EAA49B7B1A97DFBDC367A2E2573FB3B7");
        assertThat(BootstrapScripts.signatures(js)).containsEntry("ru.cti.vpbx.shared.services.DispatcherService$DISPATCHER",
                "ru.cti.vpbx.shared.services.DispatcherService$DISPATCHER/1933436215");
        assertThat(BootstrapScripts.gwtVersion(js)).contains("2.7.0");
        assertThatThrownBy(() -> BootstrapScripts.policies(js, List.of("AbonentDeviceFormGwtService")))
                .isInstanceOf(CabinetException.UnexpectedLayout.class).hasMessageContaining("AbonentDeviceFormGwtService");
    }
}
