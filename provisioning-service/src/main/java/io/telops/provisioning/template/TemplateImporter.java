package io.telops.provisioning.template;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

import io.telops.provisioning.render.PlaceholderTemplate;
import io.telops.provisioning.render.Section;
import io.telops.provisioning.render.Setting;
import io.telops.provisioning.render.TemplateDocument;
import io.telops.provisioning.render.UsrKeys;
import io.telops.provisioning.render.Vendor;

/**
 * Makes a template from a config exported by a working phone, as the seed's
 * {@code *_template_xml/plain} scripts did by hand: the settings are split into the five sections,
 * line 1's account settings become the per-line {@code cfg_account} with {@code {ACCOUNT}} and the
 * account placeholders, other lines' account settings are dropped (they are rendered from the
 * device's own lines). The operator reviews the result before it is saved as a version.
 */
public final class TemplateImporter {
    private static final Pattern TONE = Pattern.compile("(?i)(.*(tone|ring).*|se\\.pat\\..*)");
    /** Grandstream P-values of provisioning, firmware, time and language (no words in their names to match). */
    private static final Set<String> GS_BASE = Set.of("P212", "P237", "P192", "P6767", "P1360", "P1361", "P1359",
            "P30", "P64", "P1362");
    private static final Pattern BASE = Pattern.compile(
            "(?i).*(server|url|ntp|time|zone|dhcp|vlan|firmware|prov|language|lang|dns|network|http|update|setting|admin|pnp).*");

    private TemplateImporter() {
    }

    /** What the import made, plus the names it left out because they belong to lines other than 1. */
    public record Result(TemplateDocument template, List<String> droppedSettings) {
    }

    public static Result importConfig(Vendor vendor, String brand, String family, String model, String exported,
                                      Optional<UsrKeys> usrKeys) {
        List<Setting> parsed = parseSettings(vendor, exported);
        if (parsed.isEmpty()) {
            throw new IllegalArgumentException("the export holds no settings");
        }
        Map<Section, List<Setting>> sections = new EnumMap<>(Section.class);
        List<String> dropped = new ArrayList<>();
        for (Setting s : parsed) {
            if (PlaceholderTemplate.hasPlaceholders(s.name()) || PlaceholderTemplate.hasPlaceholders(s.value())) {
                throw new IllegalArgumentException("setting " + s.name() + " already contains a {PLACEHOLDER}; import a phone export, not a template");
            }
            Classified c = classify(vendor, s);
            if (c.section() == null) {
                dropped.add(s.name() + (s.attributes().containsKey("idx") ? "[" + s.attributes().get("idx") + "]" : ""));
            } else {
                sections.computeIfAbsent(c.section(), k -> new ArrayList<>()).add(c.setting());
            }
        }
        if (sections.getOrDefault(Section.ACCOUNT, List.of()).isEmpty()) {
            throw new IllegalArgumentException("the export has no settings of line 1, so no cfg_account can be made");
        }
        return new Result(new TemplateDocument(brand, family, model, sections, usrKeys.orElse(defaultUsrKeys(vendor)), 1),
                List.copyOf(dropped));
    }

    /** The settings of a vendor file in document order: XML (Snom, Polycom, Grandstream) or plain key/value lines. */
    public static List<Setting> parseSettings(Vendor vendor, String exported) {
        String text = exported.startsWith("\uFEFF") ? exported.substring(1) : exported;
        return text.stripLeading().startsWith("<") ? parseXml(vendor, text) : parsePlain(text);
    }

    public static UsrKeys defaultUsrKeys(Vendor vendor) {
        return switch (vendor) {
            case SNOM -> new UsrKeys(0, 0, "fkey", 0, 0, "fkey");
            case MITEL -> new UsrKeys(0, 1, "prgkey", 0, 1, "expmod{MODULE} key{KEY}");
            case YEALINK -> new UsrKeys(0, 1, "linekey", 0, 1, "expansion_module.{MODULE}.key.{KEY}");
            case POLYCOM -> new UsrKeys(0, 1, "attendant.resourceList", 0, 1, "attendant.resourceList");
            case GRANDSTREAM -> new UsrKeys(0, 1, "", 0, 1, "");
            case CISCO -> new UsrKeys(0, 1, "Extended_Function_{KEY}_", 0, 1, "Unit_{MODULE}_Key_{KEY}_");
            case FANVIL -> new UsrKeys(0, 1, "dsskey/dssSide[1]/Fkey[{KEY}]", 0, 1, "dsskey/dssExt[{MODULE}]/Fkey[{KEY}]");
        };
    }

    private record Classified(Section section, Setting setting) {
    }

    private static final Classified DROP = new Classified(null, null);

    private static Classified classify(Vendor vendor, Setting s) {
        Optional<Classified> account = switch (vendor) {
            case SNOM -> snomAccount(s);
            case MITEL -> numbered(s, Pattern.compile("sip line(\\d+) (.+)"), "sip line{ACCOUNT} ", Map.of(
                    "user name", "{SIPUSERNAME}", "auth name", "{SIPAUTHNAME}", "password", "{SIPSECRET}",
                    "screen name", "{DISPLAY_NAME}", "display name", "{DISPLAY_NAME}", "proxy ip", "{REGISTRAR_SERVER}",
                    "registrar ip", "{REGISTRAR_SERVER}", "proxy port", "{REGISTRAR_PORT}", "registrar port", "{REGISTRAR_PORT}"));
            case YEALINK -> numbered(s, Pattern.compile("account\\.(\\d+)\\.(.+)"), "account.{ACCOUNT}.", Map.of(
                    "user_name", "{SIPUSERNAME}", "auth_name", "{SIPAUTHNAME}", "password", "{SIPSECRET}",
                    "display_name", "{DISPLAY_NAME}", "label", "{LINE_LABEL}", "sip_server.1.address", "{REGISTRAR_SERVER}",
                    "sip_server.1.port", "{REGISTRAR_PORT}"));
            case POLYCOM -> numbered(s, Pattern.compile("reg\\.(\\d+)\\.(.+)"), "reg.{ACCOUNT}.", Map.of(
                    "address", "{SIPUSERNAME}", "auth.userId", "{SIPAUTHNAME}", "auth.password", "{SIPSECRET}",
                    "displayName", "{DISPLAY_NAME}", "label", "{LINE_LABEL}", "server.1.address", "{REGISTRAR_SERVER}",
                    "server.1.port", "{REGISTRAR_PORT}"));
            case GRANDSTREAM -> grandstreamAccount(s);
            case CISCO -> ciscoAccount(s);
            case FANVIL -> numbered(s, Pattern.compile("sip/line\\[(\\d+)]/(.+)"), "sip/line[{ACCOUNT}]/", Map.of(
                    "PhoneNumber", "{SIPUSERNAME}", "RegisterUser", "{SIPAUTHNAME}", "RegisterPswd", "{SIPSECRET}",
                    "DisplayName", "{DISPLAY_NAME}", "RegisterAddr", "{REGISTRAR_SERVER}", "RegisterPort", "{REGISTRAR_PORT}"));
        };
        if (account.isPresent()) {
            return account.get();
        }
        if (isKey(vendor, s.name())) {
            return new Classified(Section.KEYS, s);
        }
        if (vendor == Vendor.GRANDSTREAM) {
            return new Classified(GS_BASE.contains(s.name()) ? Section.BASE : Section.BEHAVIOR, s);
        }
        if (TONE.matcher(s.name()).matches()) {
            return new Classified(Section.TONE, s);
        }
        return new Classified(BASE.matcher(s.name()).matches() ? Section.BASE : Section.BEHAVIOR, s);
    }

    private static final Pattern CISCO_LINE = Pattern.compile("(.+)_(\\d+)_");
    private static final Map<String, String> CISCO_PLACEHOLDERS = Map.of("User_ID", "{SIPUSERNAME}", "Auth_ID", "{SIPAUTHNAME}",
            "Password", "{SIPSECRET}", "Display_Name", "{DISPLAY_NAME}", "Proxy", "{REGISTRAR_SERVER}:{REGISTRAR_PORT}");

    /** Cisco numbers a line's parameters at the end, between underscores: {@code User_ID_1_}. */
    private static Optional<Classified> ciscoAccount(Setting s) {
        Matcher m = CISCO_LINE.matcher(s.name());
        if (!m.matches() || m.group(1).startsWith("Extended_Function") || m.group(1).startsWith("Unit_")) {
            return Optional.empty();
        }
        if (!m.group(2).equals("1")) {
            return Optional.of(DROP);
        }
        String value = CISCO_PLACEHOLDERS.getOrDefault(m.group(1), s.value());
        if (m.group(1).equals("Proxy") && !s.value().contains(":")) {
            value = "{REGISTRAR_SERVER}"; // no port written: the phone's default 5060
        }
        return Optional.of(new Classified(Section.ACCOUNT, new Setting(m.group(1) + "_{ACCOUNT}_", value, s.attributes())));
    }

    private static Optional<Classified> numbered(Setting s, Pattern p, String templatePrefix, Map<String, String> placeholders) {
        Matcher m = p.matcher(s.name());
        if (!m.matches()) {
            return Optional.empty();
        }
        if (!m.group(1).equals("1")) {
            return Optional.of(DROP);
        }
        String rest = m.group(2);
        String value = placeholders.getOrDefault(rest, s.value());
        return Optional.of(new Classified(Section.ACCOUNT, new Setting(templatePrefix + rest, value, s.attributes())));
    }

    private static Optional<Classified> snomAccount(Setting s) {
        String idx = s.attributes().get("idx");
        if (!s.name().startsWith("user_") || idx == null) {
            return Optional.empty();
        }
        if (!idx.equals("1")) {
            return Optional.of(DROP);
        }
        Map<String, String> placeholders = Map.of("user_name", "{SIPUSERNAME}", "user_pname", "{SIPAUTHNAME}",
                "user_pass", "{SIPSECRET}", "user_host", "{REGISTRAR_SERVER}", "user_realname", "{DISPLAY_NAME}");
        Map<String, String> attrs = new LinkedHashMap<>(s.attributes());
        attrs.put("idx", "{ACCOUNT}");
        return Optional.of(new Classified(Section.ACCOUNT,
                new Setting(s.name(), placeholders.getOrDefault(s.name(), s.value()), attrs)));
    }

    private static final Map<String, String> GS_ACCOUNT_1 = Map.of("P271", "", "P270", "{LINE_LABEL}",
            "P47", "{REGISTRAR_SERVER}", "P48", "", "P35", "{SIPUSERNAME}", "P36", "{SIPAUTHNAME}", "P34", "{SIPSECRET}",
            "P3", "{DISPLAY_NAME}");
    private static final Set<String> GS_OTHER_ACCOUNTS = Set.of("P401", "P417", "P402", "P403", "P404", "P405", "P406",
            "P407", "P501", "P517", "P502", "P503", "P504", "P505", "P506", "P507", "P601", "P617", "P602", "P603", "P604",
            "P605", "P606", "P607");

    private static Optional<Classified> grandstreamAccount(Setting s) {
        if (GS_OTHER_ACCOUNTS.contains(s.name())) {
            return Optional.of(DROP);
        }
        String placeholder = GS_ACCOUNT_1.get(s.name());
        if (placeholder == null) {
            return Optional.empty();
        }
        return Optional.of(new Classified(Section.ACCOUNT, s.withValue(placeholder.isEmpty() ? s.value() : placeholder)));
    }

    private static boolean isKey(Vendor vendor, String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return switch (vendor) {
            case SNOM -> n.equals("fkey");
            case MITEL -> n.matches("(prgkey|softkey|topsoftkey|expmod)\\d.*");
            case YEALINK -> n.matches("(linekey|programablekey|memorykey|expansion_module)\\..*");
            case POLYCOM -> n.startsWith("attendant.");
            case GRANDSTREAM -> {
                if (!n.matches("p\\d+")) {
                    yield false;
                }
                int p = Integer.parseInt(n.substring(1));
                yield (p >= 301 && p <= 329) || (p >= 353 && p <= 396) || p >= 23000;
            }
            case CISCO -> n.matches("(extended_function|unit_\\d+_key)_\\d+_");
            case FANVIL -> n.startsWith("dsskey/");
        };
    }

    private static List<Setting> parsePlain(String text) {
        List<Setting> out = new ArrayList<>();
        for (String raw : text.split("\r?\n|\r")) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#") || line.startsWith("!") || line.startsWith(";")) {
                continue;
            }
            int eq = line.indexOf('=');
            int colon = line.indexOf(':');
            int sep;
            int width = 1;
            if (eq >= 0 && (colon < 0 || eq < colon)) {
                sep = eq;
            } else if (colon >= 0) {
                sep = colon;
            } else {
                throw new IllegalArgumentException("line without 'key = value' or 'key: value': " + abbreviate(line));
            }
            String name = line.substring(0, sep).strip();
            String value = line.substring(sep + width).strip();
            if (name.isEmpty()) {
                throw new IllegalArgumentException("line without a key: " + abbreviate(line));
            }
            out.add(Setting.of(name, value));
        }
        return out;
    }

    private static List<Setting> parseXml(Vendor vendor, String xml) {
        Document doc = SecureXml.parse(xml);
        Element root = doc.getDocumentElement();
        List<Setting> out = new ArrayList<>();
        if (vendor == Vendor.POLYCOM) {
            collectAttributes(root, out);
            return out;
        }
        if (vendor == Vendor.FANVIL) {
            return io.telops.provisioning.render.FanvilRenderer.settingsOf(root);
        }
        collectElements(root, out);
        return out;
    }

    /** Polycom: every attribute of every element is a parameter. */
    private static void collectAttributes(Element e, List<Setting> out) {
        NamedNodeMap attrs = e.getAttributes();
        for (int i = 0; i < attrs.getLength(); i++) {
            Node a = attrs.item(i);
            out.add(Setting.of(a.getNodeName(), a.getNodeValue()));
        }
        NodeList children = e.getChildNodes();
        for (int i = 0; i < children.getLength(); i++) {
            if (children.item(i) instanceof Element child) {
                collectAttributes(child, out);
            }
        }
    }

    /** Snom and Grandstream: leaf elements are settings, their attributes kept (idx, perm). */
    private static void collectElements(Element e, List<Setting> out) {
        NodeList children = e.getChildNodes();
        boolean hasElementChild = false;
        for (int i = 0; i < children.getLength(); i++) {
            if (children.item(i) instanceof Element child) {
                hasElementChild = true;
                collectElements(child, out);
            }
        }
        if (!hasElementChild && e != e.getOwnerDocument().getDocumentElement()) {
            String name = e.getTagName();
            if (name.equals("mac")) {
                return; // Grandstream header, not a setting
            }
            Map<String, String> attrs = new LinkedHashMap<>();
            NamedNodeMap a = e.getAttributes();
            for (int i = 0; i < a.getLength(); i++) {
                attrs.put(a.item(i).getNodeName(), a.item(i).getNodeValue());
            }
            out.add(new Setting(name, e.getTextContent(), attrs));
        }
    }

    private static String abbreviate(String s) {
        return s.length() <= 60 ? s : s.substring(0, 60) + "...";
    }
}
