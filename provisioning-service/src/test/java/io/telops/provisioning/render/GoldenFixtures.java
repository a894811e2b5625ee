package io.telops.provisioning.render;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import io.telops.provisioning.template.TemplateJson;

/** The device and settings every golden file is rendered for, and the resource files per vendor. */
public final class GoldenFixtures {
    /** A password with regex replacement metacharacters and XML specials: it must arrive unchanged. */
    public static final String TRICKY_PASSWORD = "pa$0w<&>\"rd\\1";
    /** A display name trying to inject a config line in plain formats. */
    public static final String INJECTING_NAME = "Reception\r\nsip line9 password: injected\naccount.9.password = x";

    public static final Map<String, String> SETTINGS = Map.of(
            "PROV_SERVER", "https://prov.example.net",
            "PROV_HOST", "prov.example.net",
            "FIRMWARE_URL", "https://fw.example.net/firmware.bin",
            "NTP_SERVER", "pool.ntp.org",
            "TIMEZONE", "CHE+1",
            "LANGUAGE", "English",
            "ADMIN_PASSWORD", "adm1n",
            "TONE_SCHEME", "CHE",
            "BLF_PICKUP_PREFIX", "*8");

    public static final Map<Vendor, String> MACS = Map.of(
            Vendor.SNOM, "000413AABBCC",
            Vendor.MITEL, "00085D1610DE",
            Vendor.YEALINK, "001565AABBCC",
            Vendor.POLYCOM, "0004F2AABBCC",
            Vendor.GRANDSTREAM, "000B828AA872",
            Vendor.CISCO, "00562B043615",
            Vendor.FANVIL, "0C383E07E16C");

    private GoldenFixtures() {
    }

    public static DeviceView device(Vendor vendor) {
        return new DeviceView(MACS.get(vendor), List.of(
                new LineView(0, "2001", "2001", TRICKY_PASSWORD, "pbx.example.com", 5060, "Anna <Müller> & Co", "2001"),
                new LineView(1, "2002", "auth2002", "second", "pbx.example.com", 5060, INJECTING_NAME, "Front")),
                List.of(new KeyView(0, 0, KeyType.PRESENCE, "2010", "Bob", 0),
                        new KeyView(0, 1, KeyType.SPEED_DIAL, "+41441234567", "Office", 0),
                        new KeyView(0, 2, KeyType.PARKING, "701", "Park 1", 0),
                        new KeyView(1, 0, KeyType.PRESENCE, "2011", "Carol", 1)),
                SETTINGS);
    }

    public static String resource(String path) {
        try (InputStream in = GoldenFixtures.class.getResourceAsStream("/golden/" + path)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource golden/" + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static byte[] resourceBytes(String path) {
        try (InputStream in = GoldenFixtures.class.getResourceAsStream("/golden/" + path)) {
            return in == null ? null : in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static TemplateDocument template(Vendor vendor) {
        return TemplateJson.read(resource(vendor.brand() + "/template.json"));
    }

    public static String expectedFile(Vendor vendor) {
        return vendor.brand() + "/expected." + (vendor == Vendor.MITEL || vendor == Vendor.YEALINK ? "cfg" : "xml");
    }
}
