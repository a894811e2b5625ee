package io.telops.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

class CidrTest {
    @Test
    void matchesIpv4AndIpv6RangesAtEveryPrefixBoundary() {
        Cidr v4 = Cidr.parse("10.20.0.0/14");
        assertThat(v4.contains("10.20.0.1")).isTrue();
        assertThat(v4.contains("10.23.255.255")).isTrue();
        assertThat(v4.contains("10.24.0.0")).isFalse();
        assertThat(v4.contains("10.19.255.255")).isFalse();
        Cidr v6 = Cidr.parse("fd00:abcd::/32");
        assertThat(v6.contains("fd00:abcd:1::5")).isTrue();
        assertThat(v6.contains("fd00:abce::1")).isFalse();
        assertThat(Cidr.parse("192.0.2.7").contains("192.0.2.7")).as("bare address is /32").isTrue();
        assertThat(Cidr.parse("192.0.2.7").contains("192.0.2.8")).isFalse();
        assertThat(Cidr.parse("0.0.0.0/0").contains("203.0.113.9")).isTrue();
    }

    @Test
    void anIpv4MappedIpv6SourceMatchesIpv4Ranges() {
        Networks phones = Networks.parse(List.of("10.1.0.0/16"));
        assertThat(phones.contains("::ffff:10.1.2.3")).isTrue();
        assertThat(phones.contains("[::ffff:10.1.2.3]")).isTrue();
        assertThat(phones.contains("::ffff:10.2.2.3")).isFalse();
        assertThat(Networks.parse(List.of("::ffff:10.1.0.0/112")).contains("10.1.9.9"))
                .as("a mapped range is an IPv4 range").isTrue();
        assertThat(Networks.parse(List.of("::1/128")).contains("127.0.0.1")).as("IPv6 loopback is not IPv4's").isFalse();
    }

    @Test
    void neverResolvesNamesAndRefusesWhatIsNotACidr() {
        assertThat(Cidr.parse("127.0.0.0/8").contains("localhost")).isFalse();
        assertThat(Networks.parse(List.of("127.0.0.0/8")).contains((String) null)).isFalse();
        assertThatThrownBy(() -> Cidr.parse("example.com/24")).hasMessageContaining("example.com/24");
        assertThatThrownBy(() -> Cidr.parse("10.0.0.0/33")).hasMessageContaining("out of range");
        assertThatThrownBy(() -> Cidr.parse("10.0.0.0/x")).hasMessageContaining("not a CIDR");
        assertThat(Networks.parse(List.of()).contains("10.0.0.1")).as("empty set holds nothing").isFalse();
    }
}
