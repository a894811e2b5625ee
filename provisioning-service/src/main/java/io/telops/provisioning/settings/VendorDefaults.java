package io.telops.provisioning.settings;

import java.util.HashMap;
import java.util.Map;

import io.telops.provisioning.render.OptionalSettings;
import io.telops.provisioning.render.Vendor;

/**
 * Values the common placeholders take when no layer sets them, in each vendor's own vocabulary: UTC without
 * daylight saving, English, the vendor's factory tone scheme, a public NTP pool. The optional placeholders
 * (firmware, phonebook) default to empty, which leaves their keys out. The admin password is never a default:
 * each device gets its own (see {@code DeviceService}).
 */
public final class VendorDefaults {
    private VendorDefaults() {
    }

    public static Map<String, String> of(Vendor vendor) {
        Map<String, String> d = new HashMap<>();
        d.put("NTP_SERVER", "pool.ntp.org");
        OptionalSettings.NAMES.forEach(n -> d.put(n, ""));
        switch (vendor) {
            // local_time.time_zone is an offset (-11..+14); voice.tone.country "Custom" is the factory scheme
            case YEALINK -> d.putAll(Map.of("TIMEZONE", "0", "LANGUAGE", "English", "TONE_SCHEME", "Custom"));
            // Polycom: lcl.ml.lang names, tcpIpApp.sntp.gmtOffset in seconds
            case POLYCOM -> d.putAll(Map.of("TIMEZONE", "0", "LANGUAGE", "English_United_States", "TONE_SCHEME", "US"));
            // Snom: timezone ids such as GBR-0 / UTC offsets, language names, tone_scheme country codes
            case SNOM -> d.putAll(Map.of("TIMEZONE", "GMT-0", "LANGUAGE", "English", "TONE_SCHEME", "USA"));
            // Grandstream: P64 takes a POSIX TZ string, P1362 a language code
            case GRANDSTREAM -> d.putAll(Map.of("TIMEZONE", "UTC0", "LANGUAGE", "en", "TONE_SCHEME", "us"));
            // Mitel/Aastra: "time zone name" codes, "language" index (0 = English), "tone set" names
            case MITEL -> d.putAll(Map.of("TIMEZONE", "GMT", "LANGUAGE", "0", "TONE_SCHEME", "US"));
            // Cisco SPA/MPP: Time_Zone "GMT+hh:mm", Language_Selection; tones are per-tone strings, no scheme
            case CISCO -> d.putAll(Map.of("TIMEZONE", "GMT+00:00", "LANGUAGE", "English-US", "TONE_SCHEME", ""));
            // Fanvil sysConf: TimeZone in quarter hours from UTC, DefaultLanguage codes, SelectYourTone 11 (United States)
            case FANVIL -> d.putAll(Map.of("TIMEZONE", "0", "LANGUAGE", "en", "TONE_SCHEME", "11"));
        }
        return d;
    }
}
