package io.telops.provisioning.template;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.telops.provisioning.render.Section;
import io.telops.provisioning.render.Setting;
import io.telops.provisioning.render.TemplateDocument;
import io.telops.provisioning.render.UsrKeys;
import io.telops.provisioning.render.Vendor;

/**
 * Reads and writes template documents in the shape of the seed's CouchDB documents: plain formats
 * as {@code {"name": {"value": "..."}}}, Snom XML as {@code {"phone-settings": {"name": {"@value": ...,
 * "@attributes": {...}}}}} (the PHP XML2Array convention), {@code usr_keys} counts as strings,
 * {@code pvt_counter} as the first account number.
 */
public final class TemplateJson {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private TemplateJson() {
    }

    public static TemplateDocument read(JsonNode doc) {
        String brand = text(doc, "endpoint_brand");
        String family = text(doc, "endpoint_family");
        String model = text(doc, "endpoint_model");
        if (brand.isBlank() || family.isBlank() || model.isBlank()) {
            throw new IllegalArgumentException("endpoint_brand, endpoint_family and endpoint_model are required");
        }
        boolean mitel = Vendor.forBrand(brand).filter(v -> v == Vendor.MITEL).isPresent();
        Map<Section, List<Setting>> sections = new EnumMap<>(Section.class);
        Iterator<Map.Entry<String, JsonNode>> fields = doc.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> f = fields.next();
            Section.fromJsonName(f.getKey()).ifPresent(section -> {
                if (!f.getValue().isObject()) {
                    throw new IllegalArgumentException(f.getKey() + " must be an object");
                }
                sections.computeIfAbsent(section, s -> new ArrayList<>()).addAll(readSection(f.getValue(), mitel));
            });
        }
        if (!doc.has("cfg_account")) {
            throw new IllegalArgumentException("cfg_account is mandatory");
        }
        JsonNode uk = doc.path("usr_keys");
        UsrKeys usrKeys = uk.isObject()
                ? new UsrKeys(number(uk, "setable_phone_keys", 0), number(uk, "setable_phone_key_counter", 1),
                text(uk, "setable_phone_key_value"), number(uk, "setable_module_keys", 0),
                number(uk, "setable_module_key_counter", 1), text(uk, "setable_module_key_value"))
                : UsrKeys.none();
        int counter = doc.has("pvt_counter") ? number(doc, "pvt_counter", 1)
                : number(doc.path("pvt_configs"), "account_counter", 1);
        return new TemplateDocument(brand, family, model, sections, usrKeys, counter);
    }

    public static TemplateDocument read(String json) {
        try {
            return read(MAPPER.readTree(json));
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("template is not valid JSON: " + e.getMessage());
        }
    }

    private static List<Setting> readSection(JsonNode section, boolean mitel) {
        List<Setting> out = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> it = section.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            String name = e.getKey();
            JsonNode node = e.getValue();
            if (name.startsWith("@")) {
                continue;
            }
            if (isContainer(node)) {
                // an XML container such as <phone-settings>: its children are the settings
                out.addAll(readSection(node, mitel));
                continue;
            }
            List<JsonNode> items = new ArrayList<>();
            if (node.isArray()) {
                node.forEach(items::add);
            } else {
                items.add(node);
            }
            for (JsonNode item : items) {
                readSetting(name, item, mitel).ifPresent(out::add);
            }
        }
        return out;
    }

    /** An XML element holding other elements (e.g. {@code phone-settings}) rather than one setting. */
    private static boolean isContainer(JsonNode node) {
        if (!node.isObject() || node.has("value")) {
            return false;
        }
        Iterator<String> names = node.fieldNames();
        while (names.hasNext()) {
            if (!names.next().startsWith("@")) {
                return true;
            }
        }
        return false;
    }

    private static java.util.Optional<Setting> readSetting(String name, JsonNode item, boolean mitel) {
        if (item.has("value")) {
            JsonNode v = item.get("value");
            if (v.isNull()) {
                return java.util.Optional.empty(); // the seed keeps comment lines as {"value": null}
            }
            String value = v.asText();
            // plain values carry the space after the ':' delimiter in the seed
            return java.util.Optional.of(Setting.of(name, mitel ? value.stripLeading() : value));
        }
        Map<String, String> attrs = new LinkedHashMap<>();
        item.path("@attributes").fields().forEachRemaining(a -> attrs.put(a.getKey(), a.getValue().asText()));
        JsonNode v = item.has("@value") ? item.get("@value") : (item.isValueNode() ? item : null);
        return java.util.Optional.of(new Setting(name, v == null || v.isNull() ? "" : v.asText(), attrs));
    }

    /** Writes a document the seed's tools and monster-ui-era scripts would recognise. */
    public static ObjectNode write(TemplateDocument t, String templateId) {
        ObjectNode doc = MAPPER.createObjectNode();
        boolean snom = Vendor.forBrand(t.brand()).filter(v -> v == Vendor.SNOM).isPresent();
        boolean mitel = Vendor.forBrand(t.brand()).filter(v -> v == Vendor.MITEL).isPresent();
        doc.put("_id", templateId);
        doc.put("pvt_type", "provisioner");
        doc.put("pvt_generator", snom ? "json2xml" : "json2plain");
        doc.put("endpoint_brand", t.brand());
        doc.put("endpoint_family", t.family());
        doc.put("endpoint_model", t.model());
        doc.put("pvt_counter", t.accountCounter());
        for (Section s : Section.values()) {
            ObjectNode section = MAPPER.createObjectNode();
            ObjectNode target = section;
            if (snom && s != Section.KEYS) {
                target = section.putObject("phone-settings");
                target.putObject("@attributes").put("e", "2");
            }
            for (Setting setting : t.section(s)) {
                ObjectNode item = MAPPER.createObjectNode();
                if (snom) {
                    item.put("@value", setting.value());
                    ObjectNode attrs = item.putObject("@attributes");
                    setting.attributes().forEach(attrs::put);
                } else {
                    item.put("value", mitel ? " " + setting.value() : setting.value());
                }
                JsonNode existing = target.get(setting.name());
                if (existing == null) {
                    target.set(setting.name(), item);
                } else if (existing.isArray()) {
                    ((com.fasterxml.jackson.databind.node.ArrayNode) existing).add(item);
                } else {
                    target.putArray(setting.name()).add(existing).add(item);
                }
            }
            doc.set(s.jsonName(), section);
        }
        ObjectNode uk = doc.putObject("usr_keys");
        UsrKeys u = t.usrKeys();
        uk.put("setable_phone_keys", Integer.toString(u.phoneKeys()));
        uk.put("setable_phone_key_counter", Integer.toString(u.phoneKeyCounter()));
        uk.put("setable_phone_key_value", u.phoneKeyValue());
        uk.put("setable_module_keys", Integer.toString(u.moduleKeys()));
        uk.put("setable_module_key_counter", Integer.toString(u.moduleKeyCounter()));
        uk.put("setable_module_key_value", u.moduleKeyValue());
        return doc;
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.path(field);
        return v.isMissingNode() || v.isNull() ? "" : v.asText();
    }

    private static int number(JsonNode node, String field, int fallback) {
        JsonNode v = node.path(field);
        if (v.isMissingNode() || v.isNull() || v.asText().isBlank()) {
            return fallback;
        }
        try {
            return Integer.parseInt(v.asText().strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(field + " must be a number");
        }
    }
}
