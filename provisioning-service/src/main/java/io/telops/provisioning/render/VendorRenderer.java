package io.telops.provisioning.render;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Turns a template and a device into one vendor's per-phone config file. The common part is here:
 * placeholders are resolved by {@link PlaceholderTemplate} (literal substitution), the account
 * section is repeated once per line with that vendor's line numbering, the device's keys are
 * expanded with the usr_keys counters; each subclass writes its own syntax and escaping.
 */
public abstract sealed class VendorRenderer
        permits SnomRenderer, MitelRenderer, YealinkRenderer, PolycomRenderer, GrandstreamRenderer, CiscoRenderer, FanvilRenderer {

    protected static final Pattern XML_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9._\\-]*");

    public abstract Vendor vendor();

    /** Serialises the expanded sections (keys already appended to {@link Section#KEYS}). */
    protected abstract RenderedFile write(DeviceView device, Map<Section, List<Setting>> expanded);

    /** The settings one device key becomes, or none where this vendor has no such key function. */
    protected abstract List<Setting> keySettings(KeyView key, UsrKeys usrKeys, DeviceView device);

    public RenderedFile render(TemplateDocument template, DeviceView device) {
        List<String> missing = missingSettings(template, device);
        if (!missing.isEmpty()) {
            throw new MissingSettingsException(missing);
        }
        Map<String, String> deviceVars = deviceVariables(template, device);
        Map<Section, List<Setting>> expanded = new EnumMap<>(Section.class);
        for (Section section : Section.values()) {
            List<Setting> out = new ArrayList<>();
            if (section == Section.ACCOUNT) {
                for (LineView line : device.lines()) {
                    int number = template.accountCounter() + line.position();
                    Map<String, String> vars = new HashMap<>(deviceVars);
                    vars.putAll(lineVariables(line, number));
                    for (Setting s : template.section(section)) {
                        if (OptionalSettings.usesEmptyOptional(s.value(), vars)) {
                            continue;
                        }
                        out.add(accountSetting(expand(s, vars), line));
                    }
                }
            } else {
                for (Setting s : template.section(section)) {
                    if (!OptionalSettings.usesEmptyOptional(s.value(), deviceVars)) {
                        out.add(expand(s, deviceVars));
                    }
                }
            }
            if (section == Section.KEYS) {
                for (KeyView key : device.keys()) {
                    for (Setting s : keySettings(key, template.usrKeys(), device)) {
                        out.add(s);
                    }
                }
            }
            expanded.put(section, dedupe(out));
        }
        return write(device, expanded);
    }

    /**
     * Every placeholder of the template that has no value for this device, across all sections (the account
     * section once per line), sorted: the whole list at once rather than one failure per fetch.
     */
    public List<String> missingSettings(TemplateDocument template, DeviceView device) {
        Map<String, String> deviceVars = deviceVariables(template, device);
        java.util.TreeSet<String> missing = new java.util.TreeSet<>();
        for (Section section : Section.values()) {
            List<Map<String, String>> scopes = new ArrayList<>();
            if (section == Section.ACCOUNT) {
                for (LineView line : device.lines()) {
                    Map<String, String> vars = new HashMap<>(deviceVars);
                    vars.putAll(lineVariables(line, template.accountCounter() + line.position()));
                    scopes.add(vars);
                }
            } else {
                scopes.add(deviceVars);
            }
            for (Map<String, String> vars : scopes) {
                for (Setting s : template.section(section)) {
                    collectMissing(s.name(), vars, missing);
                    collectMissing(s.value(), vars, missing);
                    s.attributes().values().forEach(v -> collectMissing(v, vars, missing));
                }
            }
        }
        return List.copyOf(missing);
    }

    private static void collectMissing(String text, Map<String, String> vars, java.util.Set<String> missing) {
        for (String name : PlaceholderTemplate.parse(text).placeholderNames()) {
            if (!vars.containsKey(name) && !OptionalSettings.NAMES.contains(name)) {
                missing.add(name);
            }
        }
    }

    /** Hook for vendors whose account settings are not numbered by {ACCOUNT} (Grandstream P-values). */
    protected Setting accountSetting(Setting expanded, LineView line) {
        return expanded;
    }

    /** Later settings of the same name (and attributes) replace earlier ones, keeping the first position. */
    private static List<Setting> dedupe(List<Setting> settings) {
        LinkedHashMap<String, Setting> byKey = new LinkedHashMap<>();
        for (Setting s : settings) {
            byKey.put(s.name() + "\u0000" + s.attributes().getOrDefault("idx", ""), s);
        }
        return List.copyOf(byKey.values());
    }

    protected static Setting expand(Setting s, Map<String, String> vars) {
        Map<String, String> attrs = new LinkedHashMap<>();
        s.attributes().forEach((k, v) -> attrs.put(k, PlaceholderTemplate.render(v, vars)));
        return new Setting(PlaceholderTemplate.render(s.name(), vars), PlaceholderTemplate.render(s.value(), vars), attrs);
    }

    private static Map<String, String> deviceVariables(TemplateDocument template, DeviceView device) {
        Map<String, String> vars = new HashMap<>(device.settings());
        vars.put("MAC", device.mac());
        vars.put("MAC_LOWER", device.mac().toLowerCase(Locale.ROOT));
        vars.put("BRAND", template.brand());
        vars.put("FAMILY", template.family());
        vars.put("MODEL", template.model());
        vars.put("LINE_COUNT", Integer.toString(device.lines().size()));
        // line 1 values are available outside the account section too (seed templates use them in cfg_base)
        if (!device.lines().isEmpty()) {
            LineView first = device.lines().get(0);
            lineVariables(first, template.accountCounter() + first.position()).forEach(vars::putIfAbsent);
        }
        return vars;
    }

    private static Map<String, String> lineVariables(LineView line, int number) {
        Map<String, String> vars = new HashMap<>();
        vars.put("ACCOUNT", Integer.toString(number));
        vars.put("LINE_INDEX", Integer.toString(line.position()));
        vars.put("SIPUSERNAME", line.sipUser());
        vars.put("SIPAUTHNAME", line.authUser());
        vars.put("SIPSECRET", line.password());
        vars.put("DISPLAY_NAME", line.displayName());
        vars.put("SIPCALLERID", line.displayName());
        vars.put("LINE_LABEL", line.label());
        vars.put("REGISTRAR_SERVER", line.registrar());
        vars.put("PROXY_SERVER", line.registrar());
        vars.put("REALM", line.registrar());
        vars.put("REGISTRAR_PORT", Integer.toString(line.registrarPort()));
        vars.put("PROXY_PORT", Integer.toString(line.registrarPort()));
        return vars;
    }

    /** The realm a key's SIP URI points at: the registrar of the key's line, else of line 1. */
    protected static String realmOf(KeyView key, DeviceView device) {
        return device.lines().stream().filter(l -> l.position() == key.line()).findFirst()
                .or(() -> device.lines().stream().findFirst())
                .map(LineView::registrar)
                .orElseThrow(() -> new RenderException("a key needs at least one line for its SIP domain"));
    }

    /** Key number: the usr_keys counter of the phone or module plus the 0-based position (modules in sequence). */
    protected static int keyNumber(KeyView key, UsrKeys usr) {
        if (key.module() == 0) {
            if (usr.phoneKeys() > 0 && key.position() >= usr.phoneKeys()) {
                throw new RenderException("phone key " + key.position() + " exceeds the model's " + usr.phoneKeys() + " keys");
            }
            return usr.phoneKeyCounter() + key.position();
        }
        if (usr.moduleKeys() > 0 && key.position() >= usr.moduleKeys()) {
            throw new RenderException("module key " + key.position() + " exceeds the module's " + usr.moduleKeys() + " keys");
        }
        return usr.moduleKeyCounter() + key.position();
    }

    /** Renders a usr_keys name pattern: {MODULE}/{KEY} tokens, or the number appended with the vendor's joiner. */
    protected static String keyPrefix(String pattern, String fallback, int module, int number, String joiner) {
        String p = pattern.isBlank() ? fallback : pattern;
        if (p.contains("{KEY}")) {
            return PlaceholderTemplate.render(p, Map.of("KEY", Integer.toString(number), "MODULE", Integer.toString(module)));
        }
        return p + joiner + number;
    }

    protected static void requireName(Pattern pattern, String name, String what) {
        if (!pattern.matcher(name).matches()) {
            throw new RenderException("invalid " + what + " after rendering: '" + ConfigEscaping.plainValue(name) + "'");
        }
    }
}
