package io.telops.provisioning.catalogue;

import java.time.Instant;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.NotFoundException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.telops.provisioning.render.UsrKeys;
import io.telops.provisioning.serving.ConfigCache;
import io.telops.provisioning.settings.JsonColumns;
import io.telops.provisioning.settings.SettingsLayers;

/**
 * The brand -> family -> model tree. It imports and exports the seed's {@code phonetree} shape and
 * answers monster-ui's two reads: {@code phones} and {@code ui/{brand}/{family}/{model}}.
 */
@ApplicationScoped
public class CatalogueService {
    /** Where pictures are served; the tree's {@code picture} fields point here. */
    public static final String PICTURE_PATH = "/assets/models/";
    static final int MAX_PICTURE_BYTES = 512 * 1024;
    private static final Pattern SLUG = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    /** A module template's model: the base model, then the number of expansion modules. */
    private static final Pattern MODULE_TEMPLATE = Pattern.compile("(.+)-([1-6])");
    @Inject
    ObjectMapper json;
    @Inject
    ConfigCache cache;

    public record ModelInput(String brand, String family, String model, Optional<String> name, Optional<String> picture,
                             int featureKeys, int comboKeys, int moduleKeys, int maxModules,
                             Optional<Map<String, String>> settings) {
    }

    /** A model picture as served: its media type, bytes and when it was stored. */
    public record Picture(String contentType, byte[] content, Instant updatedAt) {
    }

    public record ModelView(String id, String brand, String family, String familyId, String model, String name,
                            Optional<String> picture, int featureKeys, int comboKeys, int moduleKeys, int maxModules,
                            Map<String, String> settings) {
    }

    @Transactional
    public List<ModelView> models() {
        return CatalogueModel.<CatalogueModel>listAll().stream()
                .sorted(Comparator.comparing((CatalogueModel m) -> m.brand).thenComparing(m -> m.family).thenComparing(m -> m.model))
                .map(CatalogueService::view).toList();
    }

    @Transactional
    public ModelView put(ModelInput in) {
        String brand = slug(in.brand(), "brand");
        String family = slug(in.family(), "family");
        String model = slug(in.model(), "model");
        if (in.featureKeys() < 0 || in.comboKeys() < 0 || in.moduleKeys() < 0 || in.maxModules() < 0 || in.maxModules() > 6) {
            throw new IllegalArgumentException("key counts must be >= 0 and at most 6 modules");
        }
        CatalogueModel m = CatalogueModel.find(brand, family, model).orElseGet(CatalogueModel::new);
        if (m.id == null) {
            // the seed's ids: brand_model, but yealink uses brand_family_model
            m.id = brand.equals("yealink") ? brand + "_" + family + "_" + model : brand + "_" + model;
            if (CatalogueModel.findById(m.id) != null) {
                m.id = brand + "_" + family + "_" + model;
            }
        }
        m.brand = brand;
        m.brandName = m.brandName == null ? brand : m.brandName;
        m.family = family;
        m.familyId = brand + "_" + family;
        m.familyName = m.familyName == null ? family : m.familyName;
        m.model = model;
        m.name = in.name().filter(n -> !n.isBlank()).orElse(model);
        m.picture = in.picture().orElse(m.picture == null ? PICTURE_PATH + brand + "_" + family + "_" + model + ".jpg" : m.picture);
        m.featureKeys = in.featureKeys();
        m.comboKeys = in.comboKeys();
        m.moduleKeys = in.moduleKeys();
        m.maxModules = in.maxModules();
        in.settings().ifPresent(s -> {
            SettingsLayers.validate(s);
            m.settings = JsonColumns.write(s);
        });
        m.persist();
        cache.invalidateAll();
        return view(m);
    }

    /**
     * A template was stored: the tree gets its model if it lacks it, with the template's key counts, as the seed's
     * phonetree listed every model that had a template. A module template ({@code 320-1}) of a model already in the
     * tree only raises that model's module count. Existing models keep what an admin set.
     */
    @Transactional
    public void addTemplateModel(String brand, String family, String model, UsrKeys keys) {
        if (!SLUG.matcher(brand).matches() || !SLUG.matcher(family).matches() || !SLUG.matcher(model).matches()) {
            return; // not a name the tree can hold; the template is still stored
        }
        Matcher modules = MODULE_TEMPLATE.matcher(model);
        int count = modules.matches() ? Integer.parseInt(modules.group(2)) : 0;
        Optional<CatalogueModel> base = modules.matches() ? CatalogueModel.find(brand, family, modules.group(1)) : Optional.empty();
        if (base.isPresent()) {
            base.get().maxModules = Math.max(base.get().maxModules, count);
            return;
        }
        if (CatalogueModel.find(brand, family, model).isEmpty()) {
            put(new ModelInput(brand, family, model, Optional.empty(), Optional.empty(), keys.phoneKeys(), 0, keys.moduleKeys(),
                    count, Optional.empty()));
        }
    }

    /** Stores a model's picture (PNG, JPEG, GIF or WebP, recognised by its bytes) and points the tree at it. */
    @Transactional
    public ModelView putPicture(String brand, String family, String model, Optional<String> declaredType, byte[] content) {
        CatalogueModel m = CatalogueModel.find(brand, family, model)
                .orElseThrow(() -> new NotFoundException("no model " + brand + "/" + family + "/" + model));
        if (content.length == 0 || content.length > MAX_PICTURE_BYTES) {
            throw new IllegalArgumentException("a picture must have 1 to " + MAX_PICTURE_BYTES + " bytes");
        }
        ImageType type = ImageType.of(content)
                .orElseThrow(() -> new IllegalArgumentException("a picture must be a PNG, JPEG, GIF or WebP image"));
        if (declaredType.isPresent() && !declaredType.get().equalsIgnoreCase(type.mediaType())) {
            throw new IllegalArgumentException("the picture is " + type.mediaType() + ", not " + declaredType.get());
        }
        ModelPicture.delete("modelId", m.id);
        ModelPicture.getEntityManager().flush();
        ModelPicture p = new ModelPicture();
        p.file = m.id.replaceAll("[^A-Za-z0-9._-]", "_") + "." + type.extension();
        p.modelId = m.id;
        p.contentType = type.mediaType();
        p.content = content;
        p.updatedAt = Instant.now();
        p.persist();
        m.picture = PICTURE_PATH + p.file;
        return view(m);
    }

    /** A stored picture by its file name under {@code /assets/models/}. */
    @Transactional
    public Optional<Picture> picture(String file) {
        return ModelPicture.<ModelPicture>findByIdOptional(file).map(p -> new Picture(p.contentType, p.content, p.updatedAt));
    }

    @Transactional
    public boolean delete(String brand, String family, String model) {
        return CatalogueModel.find(brand, family, model).map(m -> {
            m.delete();
            return true;
        }).orElse(false);
    }

    /** {@code GET phones}: {"data": {brand: {id, name, families: {family: {id, name, models: {model: {id, name}}}}}}}. */
    @Transactional
    public ObjectNode brandTree() {
        ObjectNode root = json.createObjectNode();
        ObjectNode data = root.putObject("data");
        for (CatalogueModel m : CatalogueModel.<CatalogueModel>list("order by brand, family, model")) {
            ObjectNode brand = data.has(m.brand) ? (ObjectNode) data.get(m.brand) : data.putObject(m.brand);
            brand.put("id", m.brand);
            brand.put("name", m.brandName);
            ObjectNode families = brand.has("families") ? (ObjectNode) brand.get("families") : brand.putObject("families");
            ObjectNode family = families.has(m.family) ? (ObjectNode) families.get(m.family) : families.putObject(m.family);
            family.put("id", m.familyId);
            family.put("name", m.familyName);
            ObjectNode models = family.has("models") ? (ObjectNode) family.get("models") : family.putObject("models");
            ObjectNode model = models.putObject(m.model);
            model.put("id", m.id);
            model.put("name", m.name);
            if (m.picture != null) {
                model.put("picture", m.picture);
            }
        }
        return root;
    }

    /** Imports the seed's phonetree document (with or without the {"data": ...} wrapper). */
    @Transactional
    public int importTree(JsonNode doc) {
        JsonNode data = doc.has("data") ? doc.get("data") : doc;
        if (!data.isObject()) {
            throw new IllegalArgumentException("the brand tree must be an object");
        }
        int count = 0;
        Iterator<Map.Entry<String, JsonNode>> brands = data.fields();
        while (brands.hasNext()) {
            Map.Entry<String, JsonNode> b = brands.next();
            if (b.getKey().startsWith("_") || b.getKey().startsWith("pvt_")) {
                continue;
            }
            Iterator<Map.Entry<String, JsonNode>> families = b.getValue().path("families").fields();
            while (families.hasNext()) {
                Map.Entry<String, JsonNode> f = families.next();
                Iterator<Map.Entry<String, JsonNode>> models = f.getValue().path("models").fields();
                while (models.hasNext()) {
                    Map.Entry<String, JsonNode> m = models.next();
                    String brand = slug(b.getKey(), "brand");
                    String family = slug(f.getKey(), "family");
                    String model = slug(m.getKey(), "model");
                    CatalogueModel row = CatalogueModel.find(brand, family, model).orElseGet(CatalogueModel::new);
                    String id = m.getValue().path("id").asText(brand + "_" + model);
                    if (row.id == null) {
                        row.id = id;
                    }
                    row.brand = brand;
                    row.brandName = b.getValue().path("name").asText(brand);
                    row.family = family;
                    row.familyId = f.getValue().path("id").asText(brand + "_" + family);
                    row.familyName = f.getValue().path("name").asText(family);
                    row.model = model;
                    row.name = m.getValue().path("name").asText(model); // the seed has numeric names too
                    row.picture = m.getValue().hasNonNull("picture") ? m.getValue().get("picture").asText()
                            : PICTURE_PATH + brand + "_" + family + "_" + model + ".jpg";
                    row.persist();
                    count++;
                }
            }
        }
        cache.invalidateAll();
        return count;
    }

    /**
     * {@code GET ui/{brand}/{family}/{model}}: the key counts monster-ui's key editor needs.
     * Keys compare case-insensitively (monster-ui lowercases them); a {@code -n} module suffix is accepted.
     */
    @Transactional
    public ObjectNode uiModel(String brand, String family, String model) {
        String plain = model.replaceFirst("-\\d+$", "");
        int modules = model.equals(plain) ? 0 : Integer.parseInt(model.substring(plain.length() + 1));
        CatalogueModel m = CatalogueModel.find(brand, family, model)
                .or(() -> CatalogueModel.find(brand, family, plain))
                .orElseThrow(() -> new NotFoundException("no model " + brand + "/" + family + "/" + model));
        ObjectNode root = json.createObjectNode();
        root.put("success", true);
        ObjectNode template = root.putObject("data").putObject("template");
        template.putObject("feature_keys").put("iterate", m.featureKeys + modules * m.moduleKeys);
        template.putObject("combo_keys").put("iterate", m.comboKeys);
        ObjectNode lines = template.putObject("lines");
        lines.put("iterate", 0);
        lines.put("text", "Lines");
        return root;
    }

    static String slug(String raw, String what) {
        if (raw == null || !raw.strip().matches("[A-Za-z0-9][A-Za-z0-9._-]{0,63}")) {
            throw new IllegalArgumentException(what + " must be letters, digits, '.', '_' or '-'");
        }
        return raw.strip().toLowerCase(Locale.ROOT);
    }

    private static ModelView view(CatalogueModel m) {
        return new ModelView(m.id, m.brand, m.family, m.familyId, m.model, m.name, Optional.ofNullable(m.picture),
                m.featureKeys, m.comboKeys, m.moduleKeys, m.maxModules, JsonColumns.settings(m.settings));
    }
}
