package io.telops.provisioning.template;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.NotFoundException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.telops.provisioning.catalogue.CatalogueService;
import io.telops.provisioning.render.TemplateDocument;
import io.telops.provisioning.render.UsrKeys;
import io.telops.provisioning.device.DeviceService;
import io.telops.provisioning.render.Vendor;
import io.telops.provisioning.serving.ConfigCache;

/** Versioned templates: every change stores a new immutable version; devices follow the latest unless pinned. */
@ApplicationScoped
public class TemplateService {
    @Inject
    ConfigCache cache;
    @Inject
    DeviceService devices;
    @Inject
    CatalogueService catalogue;

    /**
     * {@code missingSettings}: for a new version, the devices following it whose settings lack a placeholder it
     * needs (MAC -> names; at most 100 devices), so a template change reports every missing value at once.
     */
    public record VersionView(String templateId, int version, String brand, String family, String model,
                              Instant createdAt, String createdBy, String note, Map<String, List<String>> missingSettings) {
    }

    public record ImportPreview(String templateId, ObjectNode document, List<String> droppedSettings,
                                Optional<VersionView> saved) {
    }

    @Transactional
    public VersionView addVersion(JsonNode document, String user, String note) {
        TemplateDocument t = TemplateJson.read(document);
        Vendor.forBrand(t.brand()).orElseThrow(() -> new IllegalArgumentException("no renderer for brand " + t.brand()));
        String templateId = t.id();
        String json = TemplateJson.write(t, templateId).toString();
        Optional<TemplateVersion> latest = TemplateVersion.latest(templateId);
        if (latest.isPresent() && latest.get().document.equals(json)) {
            return view(latest.get()); // unchanged: no new version
        }
        TemplateVersion v = new TemplateVersion();
        v.templateId = templateId;
        v.version = latest.map(l -> l.version + 1).orElse(1);
        v.brand = t.brand();
        v.family = t.family();
        v.model = t.model();
        v.document = json;
        v.createdAt = Instant.now();
        v.createdBy = user;
        v.note = note == null ? "" : note;
        v.persist();
        catalogue.addTemplateModel(v.brand, v.family, v.model, t.usrKeys());
        Map<String, List<String>> missing = devices.announceTemplateVersion(v);
        cache.invalidateAll();
        return view(v, missing);
    }

    @Transactional
    public List<String> templateIds() {
        return TemplateVersion.getEntityManager()
                .createQuery("select distinct t.templateId from TemplateVersion t order by t.templateId", String.class)
                .getResultList();
    }

    @Transactional
    public List<VersionView> versions(String templateId) {
        return TemplateVersion.versions(templateId).stream().map(TemplateService::view).toList();
    }

    @Transactional
    public ObjectNode document(String templateId, Optional<Integer> version) {
        TemplateVersion v = (version.isPresent() ? TemplateVersion.version(templateId, version.get()) : TemplateVersion.latest(templateId))
                .orElseThrow(() -> new NotFoundException("no template " + templateId + version.map(n -> " version " + n).orElse("")));
        ObjectNode doc = (ObjectNode) TemplateJson.write(TemplateJson.read(v.document), templateId);
        doc.put("pvt_version", v.version);
        return doc;
    }

    /** Splits an exported phone config into a template; saves it as a new version only when asked. */
    @Transactional
    public ImportPreview importExport(String brand, String family, String model, String exported, Optional<UsrKeys> usrKeys,
                                      boolean save, String user) {
        Vendor vendor = Vendor.forBrand(brand).orElseThrow(() -> new IllegalArgumentException("no renderer for brand " + brand));
        TemplateImporter.Result r = TemplateImporter.importConfig(vendor, brand.toLowerCase(java.util.Locale.ROOT),
                family, model, exported, usrKeys);
        ObjectNode doc = TemplateJson.write(r.template(), r.template().id());
        Optional<VersionView> saved = save ? Optional.of(addVersion(doc, user, "imported from a phone export")) : Optional.empty();
        return new ImportPreview(r.template().id(), doc, r.droppedSettings(), saved);
    }

    static VersionView view(TemplateVersion v) {
        return view(v, Map.of());
    }

    static VersionView view(TemplateVersion v, Map<String, List<String>> missing) {
        return new VersionView(v.templateId, v.version, v.brand, v.family, v.model, v.createdAt, v.createdBy, v.note, missing);
    }
}
