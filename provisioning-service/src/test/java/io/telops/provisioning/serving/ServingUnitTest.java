package io.telops.provisioning.serving;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import io.telops.provisioning.render.Vendor;
import io.telops.security.Cidr;
import io.telops.security.Networks;

/** The pure parts of serving: file names, networks (the shared {@code io.telops.security.Cidr}), credentials parsing, User-Agent MACs. */
class ServingUnitTest {
    private static final String MAC = "001565AABBCC";
    private static final String OTHER_MAC = "001565AABBCD";

    @Test
    void fileNamesAreRecognisedStrictlyPerVendor() {
        assertThat(FileRequest.parse("yealink", "001565aabbcc.cfg", false)).get()
                .satisfies(r -> assertThat(r.mac()).contains("001565AABBCC"))
                .satisfies(r -> assertThat(r.kind()).isEqualTo(FileRequest.Kind.DEVICE_CONFIG));
        assertThat(FileRequest.parse("polycom", "0004f2aabbcc.cfg", false)).get()
                .satisfies(r -> assertThat(r.kind()).isEqualTo(FileRequest.Kind.BOOT));
        assertThat(FileRequest.parse("polycom", "000000000000.cfg", false)).get()
                .satisfies(r -> assertThat(r.kind()).isEqualTo(FileRequest.Kind.GENERIC));
        assertThat(FileRequest.parse("aastra", "00085D1610DE.cfg", false)).get()
                .satisfies(r -> assertThat(r.vendor()).isEqualTo(Vendor.MITEL));
        assertThat(FileRequest.parse("polycom", "0004f2aabbcc-app.log", true)).get()
                .satisfies(r -> assertThat(r.kind()).isEqualTo(FileRequest.Kind.UPLOAD));
        for (String bad : List.of("../001565aabbcc.cfg", "001565aabbcc.cfg/..", "001565aabbc.cfg", "001565aabbccd.cfg",
                "001565aabbcc.CFG", "001565aabbcc.cfg\u0000.xml", "y000000000000.boot", "")) {
            assertThat(FileRequest.parse("yealink", bad, false)).as(bad).isEmpty();
        }
        assertThat(FileRequest.parse("yealink", "001565aabbcc.cfg", true)).isEmpty();
        assertThat(FileRequest.parse("polycom", "0004f2aabbcc-evil.sh", true)).isEmpty();
        assertThat(FileRequest.parse("cisco", "spa001565aabbcc.cfg", false)).isEmpty();
    }

    @Test
    void bootSequenceNamesOfEachVendorAreRecognised() {
        record Expect(String vendor, String file, FileRequest.Kind kind, String mac) {
        }
        for (Expect e : List.of(
                new Expect("yealink", "001565aabbcc.boot", FileRequest.Kind.BOOT, MAC),
                new Expect("yealink", "y000000000000.cfg", FileRequest.Kind.GENERIC, null),
                new Expect("yealink", "y000000000066.cfg", FileRequest.Kind.GENERIC, null),
                new Expect("polycom", "0004f2aabbcc-phone.cfg", FileRequest.Kind.UPLOADED, "0004F2AABBCC"),
                new Expect("polycom", "0004f2aabbcc-web.cfg", FileRequest.Kind.UPLOADED, "0004F2AABBCC"),
                new Expect("grandstream", "cfg.xml", FileRequest.Kind.GENERIC, null),
                new Expect("grandstream", "cfggxp2170.xml", FileRequest.Kind.GENERIC, null),
                new Expect("grandstream", "cfg000b828aa872.xml", FileRequest.Kind.DEVICE_CONFIG, "000B828AA872"),
                new Expect("snom", "snomD785.htm", FileRequest.Kind.GENERIC, null),
                new Expect("snom", "snomD785-000413AABBCC.htm", FileRequest.Kind.DEVICE_CONFIG, "000413AABBCC"),
                new Expect("mitel", "startup.cfg", FileRequest.Kind.GENERIC, null),
                new Expect("mitel", "MN_Generic.cfg", FileRequest.Kind.GENERIC, null),
                new Expect("mitel", "MN_00085D1610DE.cfg", FileRequest.Kind.DEVICE_CONFIG, "00085D1610DE"),
                new Expect("cisco", "spa001565aabbcc.xml", FileRequest.Kind.DEVICE_CONFIG, MAC),
                new Expect("cisco", "00562b043615.xml", FileRequest.Kind.DEVICE_CONFIG, "00562B043615"),
                new Expect("polycom", "0004f2aabbcc-directory.xml", FileRequest.Kind.PHONEBOOK, "0004F2AABBCC"),
                new Expect("fanvil", "f0X4hw1.100.cfg", FileRequest.Kind.GENERIC, null),
                new Expect("fanvil", "F0V00X600000.cfg", FileRequest.Kind.GENERIC, null),
                new Expect("fanvil", "0c383e07e16c.cfg", FileRequest.Kind.DEVICE_CONFIG, "0C383E07E16C"))) {
            FileRequest r = FileRequest.parse(e.vendor(), e.file(), false).orElseThrow(() -> new AssertionError(e.file()));
            assertThat(r.kind()).as(e.file()).isEqualTo(e.kind());
            assertThat(r.mac().orElse(null)).as(e.file()).isEqualTo(e.mac());
        }
        // files a vendor asks for that this service never has: 404 from the name alone, where the phone falls through
        for (String[] none : List.of(new String[] {"grandstream", "cfg000b828aa872"}, new String[] {"grandstream", "cfg000b828aa872.bin"},
                new String[] {"polycom", "sip.ld"}, new String[] {"polycom", "000000000000-directory.xml"},
                new String[] {"fanvil", "000000000000.cfg"}, new String[] {"fanvil", "x4u-fanvil-release.z"},
                new String[] {"mitel", "6867i.cfg"}, new String[] {"yealink", "y000000000000.boot"},
                new String[] {"cisco", "cp-8841-3pcc.xml"}, new String[] {"snom", "snomD785-000413AABBCC.htm.bak"})) {
            assertThat(FileRequest.parse(none[0], none[1], false)).as(none[1]).isEmpty();
        }
        // phonebooks: /prov/{vendor}/{mac}/phonebook.xml for the vendors with such a URL; Polycom uses its directory file
        assertThat(PhonebookRoutes.parse("fanvil", "0c383e07e16c")).map(FileRequest::kind).contains(FileRequest.Kind.PHONEBOOK);
        assertThat(PhonebookRoutes.parse("grandstream", "000b828aa872")).map(FileRequest::mac).contains(java.util.Optional.of("000B828AA872"));
        for (String[] none : List.of(new String[] {"polycom", "0004f2aabbcc"}, new String[] {"mitel", "00085d1610de"},
                new String[] {"Yealink", "001565aabbcc"}, new String[] {"yealink", "000000000000"}, new String[] {"yealink", "001565aabbc"})) {
            assertThat(PhonebookRoutes.parse(none[0], none[1])).as(none[0] + "/" + none[1]).isEmpty();
        }
        assertThat(Vendor.FANVIL.macInUserAgent("Fanvil X4U 2.10.2.6887 0c383e07e16c")).contains("0C383E07E16C");
        assertThat(Vendor.CISCO.macInUserAgent("Cisco/SPA504G-7.4.9c (001565000000)(CCQ162306EA)")).contains("001565000000");
        assertThat(Vendor.CISCO.macInUserAgent("Cisco-CP-8841-3PCC/11.0 (00562b043615)")).contains("00562B043615");
    }

    @Test
    void cidrsMatchIpv4AndIpv6WithoutDnsLookups() {
        assertThat(Cidr.parse("10.20.0.0/16").contains("10.20.255.1")).isTrue();
        assertThat(Cidr.parse("10.20.0.0/16").contains("10.21.0.1")).isFalse();
        assertThat(Cidr.parse("192.168.1.7").contains("192.168.1.7")).isTrue();
        assertThat(Cidr.parse("10.0.0.0/9").contains("10.127.0.1")).isTrue();
        assertThat(Cidr.parse("10.0.0.0/9").contains("10.128.0.1")).isFalse();
        assertThat(Cidr.parse("2001:db8::/32").contains("2001:db8:1::5")).isTrue();
        assertThat(Cidr.parse("2001:db8::/32").contains("10.0.0.1")).isFalse();
        assertThat(Cidr.parse("10.20.0.0/16").contains("::ffff:10.20.0.9")).isTrue();
        assertThat(Cidr.parse("10.0.0.0/8").contains("example.com")).isFalse();
        assertThatThrownBy(() -> Cidr.parse("example.com/24")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Cidr.parse("10.0.0.0/33")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void authorizationHeadersAreParsed() {
        String basic = "Basic " + Base64.getEncoder().encodeToString("001565aabbcc:pa:ss".getBytes());
        assertThat(DeviceAuthenticator.parse(basic)).isEqualTo(new DeviceAuthenticator.BasicCredentials("001565aabbcc", "pa:ss"));
        assertThat(DeviceAuthenticator.parse("Basic !!!")).isInstanceOf(DeviceAuthenticator.NoCredentials.class);
        assertThat(DeviceAuthenticator.parse(null)).isInstanceOf(DeviceAuthenticator.NoCredentials.class);
        assertThat(DeviceAuthenticator.parse("Bearer x")).isInstanceOf(DeviceAuthenticator.NoCredentials.class);
        var digest = (DeviceAuthenticator.DigestCredentials) DeviceAuthenticator.parse(
                "Digest username=\"u\", realm=\"r, with comma\", nonce=\"n\", uri=\"/prov/x\", qop=auth, nc=00000001, response=\"abc\"");
        assertThat(digest.params()).containsEntry("realm", "r, with comma").containsEntry("qop", "auth").containsEntry("nc", "00000001");
        assertThat(new DeviceAuthenticator.BasicCredentials("u", "secret").toString()).doesNotContain("secret");
    }

    @Test
    void userAgentMacsPerVendor() {
        assertThat(Vendor.YEALINK.macInUserAgent("Yealink SIP-T48G 35.80.0.70 00:15:65:88:33:55")).contains("001565883355");
        assertThat(Vendor.YEALINK.macInUserAgent("Yealink SIP-T56A  58.80.0.25 001565f429a4")).contains("001565F429A4");
        assertThat(Vendor.MITEL.macInUserAgent("Aastra6731i MAC:00-08-5D-29-4C-6B V:3.3.1.4365-SIP")).contains("00085D294C6B");
        assertThat(Vendor.POLYCOM.macInUserAgent("FileTransport PolycomVVX-VVX_411-UA/5.9.0.9373 (SN:0004f2aabbcc) Type/Application"))
                .contains("0004F2AABBCC");
        assertThat(Vendor.GRANDSTREAM.macInUserAgent("Grandstream Model HW GXP2135 SW 1.0.7.97 DevId 000b828aa872"))
                .contains("000B828AA872");
        assertThat(Vendor.SNOM.macInUserAgent("Mozilla/4.0 (compatible; snomD785-SIP 10.1.169.16 000413A6D9B4 SXM:0)"))
                .contains("000413A6D9B4");
        assertThat(Vendor.SNOM.macInUserAgent("snom820-SIP 8.4.32")).isEmpty();
        assertThat(Vendor.YEALINK.macInUserAgent(null)).isEmpty();
    }

    @Test
    void throttleBlocksAfterTheLimitAndForgetsAfterTheBlock() {
        FailureThrottle t = new FailureThrottle(TestConfig.config(3, Duration.ofMinutes(1), Duration.ofMinutes(5)));
        Instant now = Instant.parse("2026-01-01T00:00:00Z");
        assertThat(t.recordFailure("10.0.0.1", MAC, now)).isFalse();
        assertThat(t.recordFailure("10.0.0.1", MAC, now)).isFalse();
        assertThat(t.recordFailure("10.0.0.1", MAC, now)).isTrue();
        assertThat(t.isBlocked("10.0.0.1", MAC, now.plusSeconds(60))).isTrue();
        assertThat(t.isBlocked("10.0.0.1", OTHER_MAC, now)).isFalse();
        assertThat(t.isBlocked("10.0.0.2", MAC, now)).isFalse();
        assertThat(t.isBlocked("10.0.0.1", MAC, now.plusSeconds(301))).isFalse();
    }

    @Test
    void anAddressFailingForManyMacsIsBlockedForAllOfThem() {
        // 3 per (address, MAC), 60 per address: the 20th MAC's third failure reaches the address ceiling
        FailureThrottle t = new FailureThrottle(TestConfig.config(3, Duration.ofMinutes(1), Duration.ofMinutes(5)));
        Instant now = Instant.parse("2026-01-01T00:00:00Z");
        for (int m = 0; m < 19; m++) {
            for (int i = 0; i < 3; i++) {
                t.recordFailure("10.0.0.1", String.format("001565%06X", m), now);
            }
        }
        assertThat(t.isBlocked("10.0.0.1", OTHER_MAC, now)).isFalse();
        for (int i = 0; i < 3; i++) {
            t.recordFailure("10.0.0.1", String.format("001565%06X", 19), now);
        }
        assertThat(t.isBlocked("10.0.0.1", OTHER_MAC, now)).isTrue();
        assertThat(t.isBlocked("10.0.0.2", OTHER_MAC, now)).isFalse();
    }

    @Test
    void aSprayOfSourcesKeepsEachFailureCheap() {
        FailureThrottle t = new FailureThrottle(TestConfig.config(3, Duration.ofMinutes(1), Duration.ofMinutes(5)));
        Instant now = Instant.parse("2026-01-01T00:00:00Z");
        // 150,000 IPv6 sources, each failing once: past the size cap (10,000 here), a failure must not scan what is tracked
        assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
            for (int i = 0; i < 150_000; i++) {
                t.recordFailure("2001:db8::" + Integer.toHexString(i >>> 16) + ":" + Integer.toHexString(i & 0xFFFF), MAC, now);
            }
        });
        // two maps of at most 10,000 each: sources and (source, MAC) pairs
        assertThat(t.tracked()).isLessThanOrEqualTo(2 * 10_000);
    }

    @Test
    void lastGoodConfigsOfPhonesThatKeepFetchingSurviveAFloodOfOtherDevices() {
        ConfigCache cache = new ConfigCache(TestConfig.config(3, Duration.ofMinutes(1), Duration.ofMinutes(5)), Runnable::run);
        List<String> regulars = IntStream.range(0, 50).mapToObj(i -> String.format("0004F2%06X", i)).toList();
        regulars.forEach(mac -> cache.put(device(mac), 0));
        // 2,000 one-off loads (twice the capacity of 1,000); the regular phones keep fetching in between
        for (int i = 0; i < 2_000; i++) {
            cache.put(device(String.format("001565%06X", i)), 0);
            if (i % 10 == 0) {
                regulars.forEach(cache::lastGood);
            }
        }
        assertThat(cache.size()).isLessThanOrEqualTo(1_000);
        // W-TinyLFU is a frequency estimate, not a promise: nearly every regular stays (49 of 50 here), while dropping an
        // arbitrary tenth at each overflow hits regulars and one-offs alike; the one-offs share what the regulars leave
        long regularsKept = regulars.stream().filter(mac -> cache.lastGood(mac).isPresent()).count();
        long oneOffsKept = IntStream.range(0, 2_000).filter(i -> cache.lastGood(String.format("001565%06X", i)).isPresent()).count();
        assertThat(regularsKept).isGreaterThanOrEqualTo(45);
        assertThat(oneOffsKept).isLessThanOrEqualTo(1_000 - regularsKept);
    }

    @Test
    void anUnknownMacIsRememberedUntilADeviceIsCreatedOrAnythingChanges() {
        ConfigCache cache = new ConfigCache(TestConfig.config(3, Duration.ofMinutes(1), Duration.ofMinutes(5)));
        cache.markUnknown(MAC, cache.generation());
        assertThat(cache.knownUnknown(MAC)).isTrue();
        cache.invalidate(MAC); // what DeviceService does on create
        assertThat(cache.knownUnknown(MAC)).isFalse();
        cache.markUnknown(MAC, cache.generation());
        cache.invalidateAll();
        assertThat(cache.knownUnknown(MAC)).isFalse();
    }

    @Test
    void anUnknownDeviceNeverVerifiesWhateverIsPresented() {
        DeviceAuthenticator a = new DeviceAuthenticator();
        a.config = TestConfig.config(10, Duration.ofMinutes(1), Duration.ofMinutes(5));
        var guess = DeviceAuthenticator.parse("Basic " + Base64.getEncoder().encodeToString("decoy-:".getBytes()));
        assertThat(a.verify(guess, Optional.empty(), Optional.empty(), "GET", "/prov/x", Instant.now())).isFalse();
        var right = DeviceAuthenticator.parse("Basic " + Base64.getEncoder().encodeToString("dev:pw".getBytes()));
        assertThat(a.verify(right, Optional.of(new LoadedDevice.Credentials("dev", "pw")), Optional.empty(), "GET", "/prov/x",
                Instant.now())).isTrue();
    }

    private static LoadedDevice device(String mac) {
        return new LoadedDevice(mac, Vendor.YEALINK, null, null, "ui/yealink/t4x/t46s", 1, Instant.EPOCH,
                new LoadedDevice.Credentials(mac.toLowerCase(), "pw"), Optional.empty(), new Networks(List.of()), true, false,
                Optional.empty(), Optional.empty(), "sip.ld");
    }

    @Test
    void digestNoncesExpireAndCannotBeForged() {
        DeviceAuthenticator a = new DeviceAuthenticator();
        a.config = TestConfig.config(10, Duration.ofMinutes(1), Duration.ofMinutes(5));
        a.cipher = new io.telops.provisioning.crypto.SecretCipher(TestConfig.KEY);
        Instant now = Instant.parse("2026-01-01T00:00:00Z");
        String nonce = a.newNonce(now);
        assertThat(a.nonceValid(nonce, now.plusSeconds(60))).isTrue();
        assertThat(a.nonceValid(nonce, now.plusSeconds(301))).isFalse();
        assertThat(a.nonceValid(nonce.substring(0, nonce.length() - 1) + "x", now)).isFalse();
        String ha1 = DeviceAuthenticator.md5("dev:telops-provisioning:pw");
        String ha2 = DeviceAuthenticator.md5("GET:/prov/x");
        String response = DeviceAuthenticator.md5(ha1 + ":" + nonce + ":00000001:c:auth:" + ha2);
        var presented = DeviceAuthenticator.parse("Digest username=\"dev\", realm=\"telops-provisioning\", nonce=\"" + nonce
                + "\", uri=\"/prov/x\", qop=auth, nc=00000001, cnonce=\"c\", response=\"" + response + "\"");
        List<LoadedDevice.Credentials> creds = List.of(new LoadedDevice.Credentials("dev", "pw"));
        assertThat(a.verify(presented, creds, "GET", "/prov/x", now)).isTrue();
        assertThat(a.verify(presented, creds, "GET", "/prov/y", now)).isFalse();
        assertThat(a.verify(presented, List.of(new LoadedDevice.Credentials("dev", "other")), "GET", "/prov/x", now)).isFalse();
        assertThat(a.verify(presented, creds, "GET", "/prov/x", now.plusSeconds(600))).isFalse();
        Optional<String> user = DeviceAuthenticator.username(presented);
        assertThat(user).contains("dev");
    }
}
