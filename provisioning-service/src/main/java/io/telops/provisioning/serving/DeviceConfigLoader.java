package io.telops.provisioning.serving;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import io.telops.provisioning.crypto.SecretCipher;
import io.telops.provisioning.device.Device;
import io.telops.provisioning.device.DeviceService;
import io.telops.provisioning.device.KeyRecord;
import io.telops.provisioning.device.LineRecord;
import io.telops.provisioning.render.DeviceView;
import io.telops.provisioning.render.KeyType;
import io.telops.provisioning.render.KeyView;
import io.telops.provisioning.render.LineView;
import io.telops.provisioning.render.TemplateDocument;
import io.telops.provisioning.render.Vendor;
import io.telops.provisioning.settings.GlobalSettings;
import io.telops.provisioning.settings.JsonColumns;
import io.telops.provisioning.settings.SettingsLayers;
import io.telops.provisioning.settings.SettingsService;
import io.telops.provisioning.settings.Site;
import io.telops.provisioning.template.TemplateJson;
import io.telops.provisioning.template.TemplateVersion;
import io.telops.security.Networks;

/** Reads one device, its template version and its settings layers from PostgreSQL into a {@link LoadedDevice}. */
@ApplicationScoped
public class DeviceConfigLoader {
    @Inject
    SecretCipher cipher;
    @Inject
    SettingsService settings;

    /** Template versions never change once stored, so their parsed documents are kept by row id. */
    private final java.util.concurrent.ConcurrentHashMap<Long, TemplateDocument> parsed = new java.util.concurrent.ConcurrentHashMap<>();

    @Transactional
    public Optional<LoadedDevice> load(String mac) {
        Device d = Device.findById(mac);
        if (d == null) {
            return Optional.empty();
        }
        Vendor vendor = Vendor.forBrand(d.brand).orElseThrow();
        String templateId = DeviceService.templateIdOf(d);
        TemplateVersion tv = (d.pinnedVersion != null ? TemplateVersion.version(templateId, d.pinnedVersion)
                : TemplateVersion.latest(templateId)).orElseThrow(() -> new IllegalStateException("template " + templateId + " is missing"));
        TemplateDocument template = parsed.computeIfAbsent(tv.id, id -> TemplateJson.read(tv.document));
        if (parsed.size() > 10_000) {
            parsed.clear();
        }
        List<LineView> lines = new ArrayList<>();
        List<LineRecord> stored = JsonColumns.list(d.lines, LineRecord.class);
        for (int i = 0; i < stored.size(); i++) {
            LineRecord l = stored.get(i);
            lines.add(new LineView(i, l.sipUser(), l.authUser(), cipher.decrypt(l.passwordEnc(), "sip-password"), l.registrar(),
                    l.registrarPort(), l.displayName(), l.label()));
        }
        List<KeyView> keys = JsonColumns.list(d.keys, KeyRecord.class).stream()
                .map(k -> new KeyView(k.module(), k.position(), KeyType.parse(k.type()).orElseThrow(), k.value(), k.label(), k.line()))
                .toList();
        DeviceView view = new DeviceView(d.mac, lines, keys, settingValues(d));
        Optional<Site> site = d.siteId == null ? Optional.empty() : Site.findByIdOptional(d.siteId);
        Optional<LoadedDevice.Credentials> siteCredentials = site.filter(s -> s.provUsername != null && s.provPasswordEnc != null)
                .map(s -> new LoadedDevice.Credentials(s.provUsername, cipher.decrypt(s.provPasswordEnc, "site-prov-password")));
        Networks networks = site.map(s -> Networks.parse(List.of(s.allowedCidrs.split(",")))).orElse(new Networks(List.of()));
        Instant lastModified = latest(d.updatedAt, tv.createdAt, GlobalSettings.get().updatedAt,
                site.map(s -> s.updatedAt).orElse(Instant.EPOCH));
        return Optional.of(new LoadedDevice(d.mac, vendor, view, template, templateId, tv.version, lastModified,
                new LoadedDevice.Credentials(d.provUsername, cipher.decrypt(d.provPasswordEnc, "device-prov-password")),
                siteCredentials, networks, d.enabled, d.macLock, Optional.ofNullable(d.lockedAddress),
                Optional.ofNullable(d.unlockedUntil), polycomApplication(view)));
    }

    /** The effective values, with the device's generated admin password where no layer sets one. */
    private Map<String, String> settingValues(Device d) {
        SettingsLayers layers = settings.layers(d);
        Map<String, String> values = layers.values();
        SettingsLayers.Effective admin = layers.effective().get(SettingsService.ADMIN_PASSWORD);
        if (admin != null && admin.layer() == SettingsLayers.Layer.GENERATED) {
            values.put(SettingsService.ADMIN_PASSWORD, cipher.decrypt(d.adminPasswordEnc, DeviceService.ADMIN_PURPOSE));
        }
        return values;
    }

    /** Polycom's APP_FILE_PATH: the firmware URL, else sip.ld next to the boot file (a 404 there keeps the running firmware). */
    private static String polycomApplication(DeviceView view) {
        String url = view.setting("FIRMWARE_URL", "");
        return url.isBlank() ? "sip.ld" : url;
    }

    private static Instant latest(Instant... instants) {
        Instant max = Instant.EPOCH;
        for (Instant i : instants) {
            if (i != null && i.isAfter(max)) {
                max = i;
            }
        }
        return max;
    }
}
