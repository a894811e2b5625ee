package io.telops.provisioning.serving;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import javax.security.auth.x500.X500Principal;

import org.junit.jupiter.api.Test;

/** Which MAC a device certificate names, across the vendors' spellings. */
class DeviceCertificatesTest {
    private static final String MAC = "0004F2A1B2C3";

    private static List<List<?>> dns(String... names) {
        return java.util.Arrays.stream(names).<List<?>>map(n -> List.of(2, n)).toList();
    }

    @Test
    void findsTheMacInTheCommonNameInEverySpelling() {
        for (String cn : List.of("0004f2a1b2c3", "00:04:F2:A1:B2:C3", "00-04-f2-a1-b2-c3", "0004.f2a1.b2c3", "SEP0004F2A1B2C3",
                "Polycom 0004f2a1b2c3")) {
            assertThat(DeviceCertificates.mac(new X500Principal("CN=" + cn + ", O=Vendor"), List.of())).as(cn).contains(MAC);
        }
    }

    @Test
    void findsTheMacInDnsUriAndEmailAlternativeNames() {
        X500Principal noMac = new X500Principal("CN=IP phone, O=Vendor");
        assertThat(DeviceCertificates.mac(noMac, dns("0004f2a1b2c3.phones.example.com"))).contains(MAC);
        assertThat(DeviceCertificates.mac(noMac, List.of(List.of(6, "urn:dev:mac:0004f2a1b2c3")))).contains(MAC);
        assertThat(DeviceCertificates.mac(noMac, List.of(List.of(1, "00-04-f2-a1-b2-c3@phones.example.com")))).contains(MAC);
        assertThat(DeviceCertificates.mac(noMac, List.of(List.of(7, "0004f2a1b2c3")))).as("IP address entries are not names").isEmpty();
        assertThat(DeviceCertificates.mac(noMac, List.of())).isEmpty();
    }

    @Test
    void aCertificateNamingSeveralMacsOrALongerHexRunNamesNone() {
        assertThat(DeviceCertificates.mac(new X500Principal("CN=0004f2a1b2c3"), dns("0004f2d4e5f6"))).isEmpty();
        assertThat(DeviceCertificates.mac(new X500Principal("CN=0004f2a1b2c3"), dns("00:04:f2:a1:b2:c3"))).as("same MAC twice")
                .contains(MAC);
        assertThat(DeviceCertificates.mac(new X500Principal("CN=serial 0004f2a1b2c3d4"), List.of())).isEmpty();
        assertThat(DeviceCertificates.mac(new X500Principal("CN=00:04:f2:a1:b2"), List.of())).isEmpty();
        assertThat(DeviceCertificates.mac(new X500Principal("OU=0004f2a1b2c3, CN=phone"), List.of())).as("only the CN counts")
                .isEmpty();
    }
}
