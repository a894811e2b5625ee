package io.telops.provisioning.firmware;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.NotFoundException;

import io.telops.provisioning.config.ProvisioningConfig;
import io.telops.provisioning.device.Device;
import io.telops.provisioning.device.DeviceService;
import io.telops.provisioning.serving.ConfigCache;
import io.telops.provisioning.settings.JsonColumns;
import io.telops.provisioning.settings.SettingsLayers;

/**
 * Which firmware version a model's devices, or one device, should run, and the {FIRMWARE_URL}/{FIRMWARE_VERSION} that
 * follow from it. A device pin beats its model's pin; a firmware URL the device sets itself beats both.
 */
@ApplicationScoped
public class FirmwarePins {
    public static final String URL = "FIRMWARE_URL";
    public static final String VERSION = "FIRMWARE_VERSION";

    private final EntityManager em;
    private final ConfigCache cache;
    private final FirmwareCatalogue catalogue;
    private final URI publicUrl;

    FirmwarePins(EntityManager em, ConfigCache cache, FirmwareCatalogue catalogue, ProvisioningConfig config) {
        this.em = em;
        this.cache = cache;
        this.catalogue = catalogue;
        this.publicUrl = URI.create(config.publicUrl());
    }

    /** The computed settings and the layer they stand in (MODEL or DEVICE, after the operator's own layers but before the device's). */
    public record PinnedSettings(SettingsLayers.Layer layer, Map<String, String> settings) {
    }

    public record Pin(String scope, String target, FirmwareView firmware, Instant pinnedAt) {
    }

    @Transactional
    public Pin pinModel(ModelRef model, String version) {
        Firmware f = Firmware.of(model, version).orElseThrow(() -> new IllegalArgumentException("no firmware " + version
                + " of " + model.brand() + "/" + model.family() + "/" + model.model() + "; upload it first"));
        Instant now = Instant.now();
        em.createNativeQuery("INSERT INTO firmware_model_pin (brand, family, model, firmware_id, pinned_at) VALUES (?1, ?2, ?3, ?4, ?5) "
                        + "ON CONFLICT (brand, family, model) DO UPDATE SET firmware_id = EXCLUDED.firmware_id, pinned_at = EXCLUDED.pinned_at")
                .setParameter(1, model.brand()).setParameter(2, model.family()).setParameter(3, model.model())
                .setParameter(4, f.id).setParameter(5, now).executeUpdate();
        cache.invalidateAll();
        return new Pin("model", modelTarget(model), view(f), now);
    }

    @Transactional
    public void unpinModel(ModelRef model) {
        int removed = em.createNativeQuery("DELETE FROM firmware_model_pin WHERE brand = ?1 AND family = ?2 AND model = ?3")
                .setParameter(1, model.brand()).setParameter(2, model.family()).setParameter(3, model.model()).executeUpdate();
        if (removed == 0) {
            throw new NotFoundException("no firmware pin for " + modelTarget(model));
        }
        cache.invalidateAll();
    }

    /** Pins one device to a version of its own model's firmware. */
    @Transactional
    public Pin pinDevice(String rawMac, String version) {
        Device d = DeviceService.find(rawMac);
        ModelRef model = new ModelRef(d.brand, d.family, d.model);
        Firmware f = Firmware.of(model, version).orElseThrow(() -> new IllegalArgumentException("no firmware " + version
                + " of " + modelTarget(model) + " (the device's model); upload it first"));
        Instant now = Instant.now();
        em.createNativeQuery("INSERT INTO firmware_device_pin (mac, firmware_id, pinned_at) VALUES (?1, ?2, ?3) "
                        + "ON CONFLICT (mac) DO UPDATE SET firmware_id = EXCLUDED.firmware_id, pinned_at = EXCLUDED.pinned_at")
                .setParameter(1, d.mac).setParameter(2, f.id).setParameter(3, now).executeUpdate();
        cache.invalidate(d.mac);
        return new Pin("device", d.mac, view(f), now);
    }

    @Transactional
    public void unpinDevice(String rawMac) {
        Device d = DeviceService.find(rawMac);
        if (em.createNativeQuery("DELETE FROM firmware_device_pin WHERE mac = ?1").setParameter(1, d.mac).executeUpdate() == 0) {
            throw new NotFoundException("no firmware pin for device " + d.mac);
        }
        cache.invalidate(d.mac);
    }

    @Transactional
    @SuppressWarnings("unchecked")
    public List<Pin> list() {
        List<Object[]> models = em.createNativeQuery("SELECT brand, family, model, firmware_id, pinned_at FROM firmware_model_pin "
                + "ORDER BY brand, family, model").getResultList();
        List<Object[]> devices = em.createNativeQuery("SELECT mac, firmware_id, pinned_at FROM firmware_device_pin ORDER BY mac")
                .getResultList();
        List<Pin> out = new java.util.ArrayList<>();
        models.forEach(r -> out.add(new Pin("model", r[0] + "/" + r[1] + "/" + r[2], view(FirmwareCatalogue.find(((Number) r[3]).longValue())),
                instant(r[4]))));
        devices.forEach(r -> out.add(new Pin("device", (String) r[0], view(FirmwareCatalogue.find(((Number) r[1]).longValue())),
                instant(r[2]))));
        return out;
    }

    /**
     * The firmware settings a pin gives this device, unless the device names a firmware URL itself. A pin of an image of
     * another model (the device changed model since) is ignored, so a phone is never offered another model's image.
     */
    public Optional<PinnedSettings> pinnedSettings(Device d) {
        if (d.firmwareUrl != null || JsonColumns.settings(d.settings).containsKey(URL)) {
            return Optional.empty();
        }
        ModelRef model = new ModelRef(d.brand, d.family, d.model);
        return pinned("SELECT firmware_id FROM firmware_device_pin WHERE mac = ?1", List.of(d.mac))
                .filter(f -> f.modelRef().equals(model)).map(f -> settings(SettingsLayers.Layer.DEVICE, f))
                .or(() -> pinned("SELECT firmware_id FROM firmware_model_pin WHERE brand = ?1 AND family = ?2 AND model = ?3",
                        List.of(d.brand, d.family, d.model)).map(f -> settings(SettingsLayers.Layer.MODEL, f)));
    }

    private Optional<Firmware> pinned(String sql, List<Object> params) {
        var q = em.createNativeQuery(sql);
        for (int i = 0; i < params.size(); i++) {
            q.setParameter(i + 1, params.get(i));
        }
        List<?> ids = q.getResultList();
        return ids.isEmpty() ? Optional.empty() : Firmware.findByIdOptional(((Number) ids.get(0)).longValue());
    }

    private PinnedSettings settings(SettingsLayers.Layer layer, Firmware f) {
        return new PinnedSettings(layer, Map.of(URL, FirmwareUrls.forVendor(f.modelRef().vendor(), publicUrl, f.sha256, f.fileName),
                VERSION, f.version));
    }

    private FirmwareView view(Firmware f) {
        return catalogue.view(f);
    }

    private static String modelTarget(ModelRef m) {
        return m.brand() + "/" + m.family() + "/" + m.model();
    }

    private static Instant instant(Object o) {
        return o instanceof java.sql.Timestamp t ? t.toInstant() : o instanceof java.time.OffsetDateTime odt ? odt.toInstant() : (Instant) o;
    }
}
