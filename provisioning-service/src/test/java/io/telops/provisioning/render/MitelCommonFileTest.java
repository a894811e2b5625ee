package io.telops.provisioning.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;

import org.junit.jupiter.api.Test;

import io.telops.provisioning.template.TemplateImporter;

/** Mitel/Aastra aastra.cfg: this server as the configuration server, in the phone's own parameter syntax. */
class MitelCommonFileTest {
    @Test
    void anHttpsServerBehindAPathPrefixIsNamedWithItsPortAndPath() {
        String text = MitelRenderer.commonFile(URI.create("https://prov.example.com/telops/")).text();
        assertThat(text).contains("download protocol: HTTPS\n", "https server: prov.example.com\n", "https port: 443\n",
                "https path: telops/prov/mitel\n", "auto resync mode: 1\n", "auto resync time: 02:00\n");
        // every non-comment line is a "name: value" the importer (and the phone) reads back
        assertThat(TemplateImporter.parseSettings(Vendor.MITEL, text)).extracting(Setting::name)
                .containsExactly("download protocol", "https server", "https port", "https path", "auto resync mode",
                        "auto resync time", "auto resync max delay");
    }

    @Test
    void aPlainHttpServerKeepsItsExplicitPort() {
        assertThat(MitelRenderer.commonFile(URI.create("http://10.1.2.3:8083")).text())
                .contains("download protocol: HTTP\n", "http server: 10.1.2.3\n", "http port: 8083\n", "http path: prov/mitel\n");
    }

    @Test
    void aPublicUrlThatCannotBeWrittenSafelyIsRefused() {
        assertThatThrownBy(() -> MitelRenderer.commonFile(URI.create("http:/no-host"))).isInstanceOf(RenderException.class);
        assertThatThrownBy(() -> MitelRenderer.commonFile(URI.create("http://h.example/a%0Ab")))
                .isInstanceOf(RenderException.class);
    }
}
