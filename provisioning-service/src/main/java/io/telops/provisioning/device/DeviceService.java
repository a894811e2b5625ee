package io.telops.provisioning.device;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.NotFoundException;

import io.telops.contracts.MacAddress;
import io.telops.contracts.provisioning.DeviceChanged;
import io.telops.contracts.provisioning.DeviceCreated;
import io.telops.contracts.provisioning.DeviceDeleted;
import io.telops.provisioning.catalogue.CatalogueModel;
import io.telops.provisioning.config.ProvisioningConfig;
import io.telops.provisioning.crypto.SecretCipher;
import io.telops.provisioning.events.Outbox;
import io.telops.provisioning.render.KeyType;
import io.telops.provisioning.render.Vendor;
import io.telops.provisioning.serving.ConfigCache;
import io.telops.provisioning.serving.DeviceConfigLoader;
import io.telops.provisioning.serving.LoadedDevice;
import io.telops.provisioning.settings.JsonColumns;
import io.telops.provisioning.settings.Site;
import io.telops.provisioning.settings.SettingsLayers;
import io.telops.provisioning.template.TemplateVersion;

/** Devices: validation, encryption of their secrets, events through the outbox, cache invalidation. */
@ApplicationScoped
public class DeviceService {
    static final String SIP_PURPOSE = "sip-password";
    static final String PROV_PURPOSE = "device-prov-password";
    public static final String ADMIN_PURPOSE = "device-admin-password";
    private static final SecureRandom RANDOM = new SecureRandom();
    /** A module template's model: the base model, then the number of expansion modules. */
    private static final Pattern MODULE_TEMPLATE = Pattern.compile("(.+)-([1-9])");
    private static final int MISSING_REPORT_LIMIT = 100;
    private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";

    @Inject
    SecretCipher cipher;
    @Inject
    Outbox outbox;
    @Inject
    ConfigCache cache;
    @Inject
    ProvisioningConfig config;
    @Inject
    io.telops.provisioning.settings.SettingsService settingsService;
    @Inject
    DeviceConfigLoader loader;

    @Transactional
    public Map<String, SettingsLayers.Effective> effectiveSettings(String mac) {
        Device d = find(mac);
        Map<String, SettingsLayers.Effective> effective = new java.util.HashMap<>(settingsService.layers(d).effective());
        missingSettings(d.mac).forEach(m -> effective.put(m, new SettingsLayers.Effective(null, SettingsLayers.Layer.MISSING)));
        return effective;
    }

    /**
     * The placeholders this device's current template needs and nothing sets, all at once; its phone gets 503 until
     * they are set. Reported when the device is created, changed or read, and when its template gets a new version.
     */
    @Transactional
    public List<String> missingSettings(String mac) {
        LoadedDevice d = loader.load(mac).orElseThrow(() -> new NotFoundException("no device " + mac));
        return d.vendor().renderer().missingSettings(d.template(), d.view());
    }

    /** Generates a new admin password for the phone, returned once; the phone gets it with its next config. */
    @Transactional
    public String regenerateAdminPassword(String rawMac) {
        Device d = find(rawMac);
        String password = randomSecret(16);
        d.adminPasswordEnc = cipher.encrypt(password, ADMIN_PURPOSE);
        d.updatedAt = Instant.now();
        outbox.add(changedEvent(d, List.of("adminPassword"), d.updatedAt));
        cache.invalidate(d.mac);
        return password;
    }

    /** Devices created before admin passwords were generated get one (not shown: regenerate to learn it). */
    @Transactional
    public int backfillAdminPasswords() {
        List<Device> without = Device.list("adminPasswordEnc is null");
        for (Device d : without) {
            d.adminPasswordEnc = cipher.encrypt(randomSecret(16), ADMIN_PURPOSE);
            cache.invalidate(d.mac);
        }
        return without.size();
    }

    @Transactional
    public List<DeviceView> list(Optional<String> siteId) {
        List<Device> devices = siteId.isPresent() ? Device.list("siteId = ?1 order by mac", siteId.get()) : Device.list("order by mac");
        return devices.stream().map(d -> view(d, Optional.empty(), Optional.empty(), Optional.empty())).toList();
    }

    @Transactional
    public DeviceView get(String mac) {
        Device d = find(mac);
        return view(d, Optional.empty(), Optional.empty(), Optional.of(missingSettings(d.mac)));
    }

    @Transactional
    public DeviceView create(DeviceInput in) {
        String mac = MacAddress.normalise(in.mac());
        if (Device.findById(mac) != null) {
            throw new ConflictException("device " + mac + " exists");
        }
        Device d = new Device();
        d.mac = mac;
        d.createdAt = Instant.now();
        Optional<String> generated = Optional.empty();
        if (in.provPassword().isEmpty()) {
            generated = Optional.of(randomSecret(20));
        }
        apply(d, in, generated);
        String adminPassword = randomSecret(16);
        d.adminPasswordEnc = cipher.encrypt(adminPassword, ADMIN_PURPOSE);
        d.persist();
        String templateId = templateIdOf(d);
        outbox.add(new DeviceCreated(mac, d.brand, d.family, d.model, Optional.ofNullable(d.siteId), templateId,
                Optional.ofNullable(d.pinnedVersion), currentVersion(d, templateId), lineCount(d), d.enabled, d.macLock,
                d.updatedAt));
        cache.invalidate(mac);
        return view(d, generated, Optional.of(adminPassword), Optional.of(missingSettings(mac)));
    }

    @Transactional
    public DeviceView update(String rawMac, DeviceInput in) {
        Device d = find(rawMac);
        if (in.mac() != null && !MacAddress.normalise(in.mac()).equals(d.mac)) {
            throw new IllegalArgumentException("the MAC of a device cannot change; delete and create it");
        }
        List<String> changed = apply(d, in, Optional.empty());
        outbox.add(changedEvent(d, changed, d.updatedAt));
        cache.invalidate(d.mac);
        return view(d, Optional.empty(), Optional.empty(), Optional.of(missingSettings(d.mac)));
    }

    @Transactional
    public void delete(String rawMac) {
        Device d = find(rawMac);
        d.delete();
        outbox.add(new DeviceDeleted(d.mac, Instant.now()));
        cache.remove(d.mac);
    }

    /**
     * A template got a new version: every device that follows that template's latest version now renders from it, so
     * each is announced as changed (in the caller's transaction, through the outbox). Pinned devices are unaffected.
     * A module template ({@code 320-1}) is used by the base model's devices with that many expansion modules.
     */
    @Transactional
    public Map<String, List<String>> announceTemplateVersion(TemplateVersion version) {
        List<Device> following = new ArrayList<>(Device.list("brand = ?1 and family = ?2 and model = ?3 and pinnedVersion is null",
                version.brand, version.family, version.model));
        Matcher modules = MODULE_TEMPLATE.matcher(version.model);
        if (modules.matches()) {
            following.addAll(Device.list("brand = ?1 and family = ?2 and model = ?3 and expansionModules = ?4 "
                    + "and pinnedVersion is null", version.brand, version.family, modules.group(1), Integer.parseInt(modules.group(2))));
        }
        Map<String, List<String>> missing = new java.util.TreeMap<>();
        for (Device d : following) {
            if (templateIdOf(d).equals(version.templateId)) {
                outbox.add(changedEvent(d, List.of("templateVersion"), version.createdAt));
                // bounded: a template of a large fleet reports its first devices, enough to see what to set
                if (missing.size() < MISSING_REPORT_LIMIT) {
                    List<String> m = missingSettings(d.mac);
                    if (!m.isEmpty()) {
                        missing.put(d.mac, m);
                    }
                }
            }
        }
        return missing;
    }

    /**
     * monster-ui's "Allow Reprovision" names the account (here: the site) the device belongs to. A device of
     * another account, or of none, is answered as missing, so an account learns nothing about the others' MACs.
     */
    @Transactional
    public DeviceView unlock(String account, String rawMac) {
        Device d = find(rawMac);
        if (!account.equals(d.siteId)) {
            throw new NotFoundException("no device " + d.mac); // word for word what an unknown MAC gets
        }
        return unlock(d);
    }

    /** Lets a MAC-locked device fetch from a new address within the unlock window. */
    @Transactional
    public DeviceView unlock(String rawMac) {
        return unlock(find(rawMac));
    }

    private DeviceView unlock(Device d) {
        d.lockedAddress = null;
        d.unlockedUntil = Instant.now().plus(config.unlockWindow());
        d.updatedAt = Instant.now();
        outbox.add(changedEvent(d, List.of("unlocked"), d.updatedAt));
        cache.invalidate(d.mac);
        return view(d, Optional.empty(), Optional.empty(), Optional.empty());
    }

    private List<String> apply(Device d, DeviceInput in, Optional<String> generatedProvPassword) {
        List<String> changed = new ArrayList<>();
        Vendor vendor = Vendor.forBrand(in.brand()).orElseThrow(() -> new IllegalArgumentException("no renderer for brand " + in.brand()));
        String brand = vendor == Vendor.MITEL && "aastra".equalsIgnoreCase(in.brand()) ? "mitel" : vendor.brand();
        String family = lower(required(in.family(), "family"));
        String model = lower(required(in.model(), "model"));
        if (!brand.equals(d.brand) || !family.equals(d.family) || !model.equals(d.model)) {
            changed.add("model");
        }
        d.brand = brand;
        d.family = family;
        d.model = model;
        Optional<CatalogueModel> catalogue = CatalogueModel.find(brand, family, model);
        int modules = in.expansionModules().orElse(d.mac != null && d.createdAt != null ? d.expansionModules : 0);
        if (modules < 0 || catalogue.map(c -> modules > c.maxModules).orElse(modules > 6)) {
            throw new IllegalArgumentException("expansion modules out of range for " + model);
        }
        track(changed, "expansionModules", d.expansionModules, modules);
        d.expansionModules = modules;
        Integer pinned = in.pinnedVersion().orElse(null);
        track(changed, "pinnedVersion", d.pinnedVersion, pinned);
        d.pinnedVersion = pinned;
        String templateId = templateIdOf(d);
        if (pinned != null ? TemplateVersion.version(templateId, pinned).isEmpty() : TemplateVersion.latest(templateId).isEmpty()) {
            throw new IllegalArgumentException("no template " + templateId + (pinned != null ? " version " + pinned : "")
                    + "; create the template first");
        }
        String siteId = in.siteId().filter(s -> !s.isBlank()).orElse(null);
        if (siteId != null && Site.findById(siteId) == null) {
            throw new IllegalArgumentException("no site " + siteId);
        }
        track(changed, "siteId", d.siteId, siteId);
        d.siteId = siteId;
        String provUser = in.provUsername().orElse(d.provUsername != null ? d.provUsername : d.mac.toLowerCase(java.util.Locale.ROOT));
        requirePrintable(provUser, "provUsername", 128);
        if (provUser.contains(":")) {
            throw new IllegalArgumentException("provUsername must not contain ':'");
        }
        track(changed, "provUsername", d.provUsername, provUser);
        d.provUsername = provUser;
        Optional<String> newProvPassword = in.provPassword().or(() -> generatedProvPassword);
        if (newProvPassword.isPresent()) {
            requirePrintable(newProvPassword.get(), "provPassword", 128);
            if (newProvPassword.get().length() < 8) {
                throw new IllegalArgumentException("provPassword must have at least 8 characters");
            }
            d.provPasswordEnc = cipher.encrypt(newProvPassword.get(), PROV_PURPOSE);
            if (d.createdAt != null && d.updatedAt != null) {
                changed.add("provPassword");
            }
        }
        String tz = in.timezone().orElse(null);
        if (tz != null) {
            requirePrintable(tz, "timezone", 64);
        }
        track(changed, "timezone", d.timezone, tz);
        d.timezone = tz;
        String fw = in.firmwareUrl().orElse(null);
        if (fw != null) {
            requirePrintable(fw, "firmwareUrl", 1024);
        }
        track(changed, "firmwareUrl", d.firmwareUrl, fw);
        d.firmwareUrl = fw;
        String lines = JsonColumns.write(lines(in.lines().orElse(List.of()), JsonColumns.list(d.lines, LineRecord.class)));
        track(changed, "lines", d.lines, lines);
        d.lines = lines;
        String keys = JsonColumns.write(keys(in.keys().orElse(List.of()), catalogue, modules, lineCount(lines)));
        track(changed, "keys", d.keys, keys);
        d.keys = keys;
        Map<String, String> settings = in.settings().orElse(Map.of());
        SettingsLayers.validate(settings);
        String settingsJson = JsonColumns.write(settings);
        track(changed, "settings", d.settings, settingsJson);
        d.settings = settingsJson;
        boolean enabled = in.enabled().orElse(true);
        track(changed, "enabled", d.enabled, enabled);
        d.enabled = enabled;
        boolean lock = in.macLock().orElse(d.macLock);
        track(changed, "macLock", d.macLock, lock);
        d.macLock = lock;
        d.updatedAt = Instant.now();
        return changed;
    }

    private List<LineRecord> lines(List<DeviceInput.Line> in, List<LineRecord> existing) {
        if (in.size() > 16) {
            throw new IllegalArgumentException("at most 16 lines");
        }
        List<LineRecord> out = new ArrayList<>();
        for (int i = 0; i < in.size(); i++) {
            DeviceInput.Line l = in.get(i);
            requirePrintable(l.sipUser(), "lines[" + i + "].sipUser", 128);
            requirePrintable(l.registrar(), "lines[" + i + "].registrar", 255);
            String auth = l.authUser().orElse(l.sipUser());
            requirePrintable(auth, "lines[" + i + "].authUser", 128);
            String enc;
            if (l.password().isPresent()) {
                requirePrintable(l.password().get(), "lines[" + i + "].password", 128);
                enc = cipher.encrypt(l.password().get(), SIP_PURPOSE);
            } else if (i < existing.size()) {
                enc = existing.get(i).passwordEnc();
            } else {
                throw new IllegalArgumentException("lines[" + i + "].password is required for a new line");
            }
            int port = l.registrarPort().orElse(5060);
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("lines[" + i + "].registrarPort out of range");
            }
            String display = l.displayName().orElse(l.sipUser());
            String label = l.label().orElse(l.sipUser());
            requireText(display, "lines[" + i + "].displayName", 128);
            requireText(label, "lines[" + i + "].label", 64);
            out.add(new LineRecord(l.sipUser(), auth, enc, l.registrar(), port, display, label));
        }
        return out;
    }

    private static List<KeyRecord> keys(List<DeviceInput.Key> in, Optional<CatalogueModel> model, int modules, int lines) {
        List<KeyRecord> out = new ArrayList<>();
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (DeviceInput.Key k : in) {
            KeyType type = KeyType.parse(k.type()).orElseThrow(() -> new IllegalArgumentException("unknown key type " + k.type()
                    + " (presence, speed_dial, parking, line)"));
            if (k.module() < 0 || k.module() > modules) {
                throw new IllegalArgumentException("key module " + k.module() + " but the device has " + modules + " modules");
            }
            if (k.position() < 0 || model.map(m -> k.position() >= (k.module() == 0 ? m.featureKeys + m.comboKeys : m.moduleKeys)
                    && (k.module() == 0 ? m.featureKeys + m.comboKeys : m.moduleKeys) > 0).orElse(false)) {
                throw new IllegalArgumentException("key position " + k.position() + " beyond the model's keys");
            }
            if (!seen.add(k.module() + ":" + k.position())) {
                throw new IllegalArgumentException("two keys at module " + k.module() + " position " + k.position());
            }
            int line = k.line().orElse(0);
            if (line < 0 || (lines > 0 && line >= lines)) {
                throw new IllegalArgumentException("key line " + line + " does not exist");
            }
            String value = k.value() == null ? "" : k.value();
            requireText(value, "key value", 255);
            String label = k.label().orElse(value);
            requireText(label, "key label", 64);
            out.add(new KeyRecord(k.module(), k.position(), type.kazooName(), value, label, line));
        }
        return out;
    }

    public static String templateIdOf(Device d) {
        // a -n template exists for models with expansion modules in the seed; prefer it
        String withModules = d.templateId(true);
        if (d.expansionModules > 0 && TemplateVersion.latest(withModules).isPresent()) {
            return withModules;
        }
        return d.templateId(false);
    }

    /** The template version a device's config renders from now: the pinned one, else the template's latest. */
    static Optional<Integer> currentVersion(Device d, String templateId) {
        return d.pinnedVersion != null ? Optional.of(d.pinnedVersion) : TemplateVersion.latest(templateId).map(v -> v.version);
    }

    private static DeviceChanged changedEvent(Device d, List<String> changed, Instant at) {
        String templateId = templateIdOf(d);
        return new DeviceChanged(d.mac, d.brand, d.family, d.model, Optional.ofNullable(d.siteId), templateId,
                Optional.ofNullable(d.pinnedVersion), currentVersion(d, templateId), lineCount(d), d.enabled, d.macLock,
                changed, at);
    }

    private static int lineCount(Device d) {
        return lineCount(d.lines);
    }

    private static int lineCount(String json) {
        return JsonColumns.list(json, LineRecord.class).size();
    }

    /** The device a MAC names (any notation), or 404: also what firmware pins look devices up with. */
    public static Device find(String rawMac) {
        String mac;
        try {
            mac = MacAddress.normalise(rawMac);
        } catch (IllegalArgumentException e) {
            throw new NotFoundException("no device " + rawMac);
        }
        Device d = Device.findById(mac);
        if (d == null) {
            throw new NotFoundException("no device " + mac);
        }
        return d;
    }

    private DeviceView view(Device d, Optional<String> generated, Optional<String> generatedAdmin, Optional<List<String>> missing) {
        List<DeviceView.LineView> lines = new ArrayList<>();
        List<LineRecord> stored = JsonColumns.list(d.lines, LineRecord.class);
        for (int i = 0; i < stored.size(); i++) {
            LineRecord l = stored.get(i);
            lines.add(new DeviceView.LineView(i, l.sipUser(), l.authUser(), l.passwordEnc() != null, l.registrar(),
                    l.registrarPort(), l.displayName(), l.label()));
        }
        return new DeviceView(d.mac, d.brand, d.family, d.model, Optional.ofNullable(d.siteId), d.expansionModules,
                templateIdOf(d), Optional.ofNullable(d.pinnedVersion), d.provUsername, generated, generatedAdmin,
                Optional.ofNullable(d.timezone), Optional.ofNullable(d.firmwareUrl), lines,
                JsonColumns.list(d.keys, KeyRecord.class), JsonColumns.settings(d.settings), d.enabled, d.macLock,
                Optional.ofNullable(d.lockedAddress), Optional.ofNullable(d.unlockedUntil), Optional.ofNullable(d.lastFetchAt),
                Optional.ofNullable(d.lastFetchIp), Optional.ofNullable(d.lastUserAgent),
                Optional.ofNullable(d.lastTemplateVersion), Optional.ofNullable(d.lastStatus), d.updatedAt, missing,
                Optional.ofNullable(d.lastFetchFile), Optional.ofNullable(d.resyncRequestedAt), Optional.ofNullable(d.resyncRequestedBy));
    }

    private static void track(List<String> changed, String field, Object before, Object after) {
        if (!java.util.Objects.equals(before, after)) {
            changed.add(field);
        }
    }

    private static String required(String v, String what) {
        if (v == null || v.isBlank()) {
            throw new IllegalArgumentException(what + " is required");
        }
        return v.strip();
    }

    private static String lower(String v) {
        return v.toLowerCase(java.util.Locale.ROOT);
    }

    /** One line of visible text: no control characters (which could split a plain-format config line). */
    static void requireText(String v, String what, int max) {
        if (v == null || v.length() > max || v.chars().anyMatch(c -> Character.isISOControl(c) || c == 0x2028 || c == 0x2029)) {
            throw new IllegalArgumentException(what + " must be one line of at most " + max + " characters");
        }
    }

    static void requirePrintable(String v, String what, int max) {
        requireText(v, what, max);
        if (v.isBlank()) {
            throw new IllegalArgumentException(what + " is required");
        }
    }

    static String randomSecret(int length) {
        StringBuilder sb = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            sb.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return sb.toString();
    }

    /** A request conflicting with existing state (HTTP 409). */
    public static class ConflictException extends RuntimeException {
        public ConflictException(String message) {
            super(message);
        }
    }
}
