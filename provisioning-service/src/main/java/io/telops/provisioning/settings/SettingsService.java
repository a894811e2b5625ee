package io.telops.provisioning.settings;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.NotFoundException;

import io.telops.provisioning.catalogue.CatalogueModel;
import io.telops.provisioning.config.ProvisioningConfig;
import io.telops.provisioning.crypto.SecretCipher;
import io.telops.provisioning.device.Device;
import io.telops.provisioning.firmware.FirmwarePins;
import io.telops.provisioning.serving.ConfigCache;
import io.telops.security.Networks;

/** The global and site settings layers, sites' credentials, and a device's effective settings. */
@ApplicationScoped
public class SettingsService {
    public static final String ADMIN_PASSWORD = "ADMIN_PASSWORD";
    @Inject
    ProvisioningConfig config;
    @Inject
    SecretCipher cipher;
    @Inject
    ConfigCache cache;
    @Inject
    FirmwarePins firmwarePins;

    public record SiteInput(String name, Optional<String> provUsername, Optional<String> provPassword,
                            Optional<List<String>> allowedCidrs, Optional<Map<String, String>> settings) {
    }

    public record SiteView(String id, String name, Optional<String> provUsername, boolean hasProvPassword,
                           List<String> allowedCidrs, Map<String, String> settings) {
    }

    @Transactional
    public Map<String, String> global() {
        return JsonColumns.settings(GlobalSettings.get().settings);
    }

    @Transactional
    public Map<String, String> replaceGlobal(Map<String, String> settings) {
        SettingsLayers.validate(settings);
        GlobalSettings g = GlobalSettings.get();
        g.settings = JsonColumns.write(settings);
        g.updatedAt = Instant.now();
        cache.invalidateAll();
        return settings;
    }

    @Transactional
    public List<SiteView> sites() {
        return Site.<Site>listAll().stream().map(this::view).toList();
    }

    @Transactional
    public SiteView site(String id) {
        return view(findSite(id));
    }

    @Transactional
    public SiteView putSite(String id, SiteInput in) {
        if (!id.matches("[a-z0-9][a-z0-9_-]{0,62}")) {
            throw new IllegalArgumentException("site id: lower-case letters, digits, '-' and '_'");
        }
        if (in.name() == null || in.name().isBlank()) {
            throw new IllegalArgumentException("site name is required");
        }
        Site s = Site.<Site>findByIdOptional(id).orElseGet(() -> {
            Site n = new Site();
            n.id = id;
            return n;
        });
        s.name = in.name().strip();
        in.provUsername().ifPresent(u -> s.provUsername = requireCredential(u, "provUsername"));
        in.provPassword().ifPresent(p -> s.provPasswordEnc = cipher.encrypt(requireCredential(p, "provPassword"), "site-prov-password"));
        in.allowedCidrs().ifPresent(c -> {
            Networks.parse(c);
            s.allowedCidrs = String.join(",", c);
        });
        in.settings().ifPresent(m -> {
            SettingsLayers.validate(m);
            s.settings = JsonColumns.write(m);
        });
        s.updatedAt = Instant.now();
        s.persist();
        cache.invalidateAll();
        return view(s);
    }

    /** The layers for a device, most specific last; DEFAULT holds what the service derives itself. */
    @Transactional
    public SettingsLayers layers(Device device) {
        SettingsLayers layers = new SettingsLayers();
        URI publicUrl = URI.create(config.publicUrl());
        Map<String, String> defaults = new java.util.HashMap<>();
        io.telops.provisioning.render.Vendor.forBrand(device.brand).map(VendorDefaults::of).ifPresent(defaults::putAll);
        defaults.put("PROV_SERVER", stripSlash(config.publicUrl()));
        defaults.put("PROV_HOST", publicUrl.getHost() + (publicUrl.getPort() > 0 ? ":" + publicUrl.getPort() : ""));
        defaults.putAll(io.telops.provisioning.phonebook.PhonebookService.settings(device, config.publicUrl()));
        layers.with(SettingsLayers.Layer.DEFAULT, new java.util.TreeMap<>(defaults));
        if (device.adminPasswordEnc != null) {
            // the value is filled in by the loader; an operator's layer may still set a password of its own
            layers.with(SettingsLayers.Layer.GENERATED, Map.of(ADMIN_PASSWORD, SettingsLayers.HIDDEN));
        }
        layers.with(SettingsLayers.Layer.GLOBAL, JsonColumns.settings(GlobalSettings.get().settings));
        if (device.siteId != null) {
            Site.<Site>findByIdOptional(device.siteId)
                    .ifPresent(s -> layers.with(SettingsLayers.Layer.SITE, JsonColumns.settings(s.settings)));
        }
        CatalogueModel.find(device.brand, device.family, device.model)
                .ifPresent(m -> layers.with(SettingsLayers.Layer.MODEL, JsonColumns.settings(m.settings)));
        Map<String, String> deviceLayer = new java.util.LinkedHashMap<>(JsonColumns.settings(device.settings));
        if (device.timezone != null) {
            deviceLayer.putIfAbsent("TIMEZONE", device.timezone);
        }
        if (device.firmwareUrl != null) {
            deviceLayer.putIfAbsent("FIRMWARE_URL", device.firmwareUrl);
        }
        // a pinned upload's URL and version, unless the device names a firmware URL itself (then it is left out here)
        firmwarePins.pinnedSettings(device).ifPresent(p -> layers.with(p.layer(), p.settings()));
        layers.with(SettingsLayers.Layer.DEVICE, deviceLayer);
        return layers;
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    private static String requireCredential(String v, String what) {
        if (v.isBlank() || v.length() > 128 || v.chars().anyMatch(Character::isISOControl) || v.contains(":") && what.endsWith("Username")) {
            throw new IllegalArgumentException(what + " must be 1-128 printable characters" + (what.endsWith("Username") ? " without ':'" : ""));
        }
        return v;
    }

    private static Site findSite(String id) {
        return Site.<Site>findByIdOptional(id).orElseThrow(() -> new NotFoundException("no site " + id));
    }

    private SiteView view(Site s) {
        return new SiteView(s.id, s.name, Optional.ofNullable(s.provUsername), s.provPasswordEnc != null,
                s.allowedCidrs.isBlank() ? List.of() : List.of(s.allowedCidrs.split(",")), JsonColumns.settings(s.settings));
    }
}
