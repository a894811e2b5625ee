package io.telops.provisioning.phonebook;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.NotFoundException;

import io.quarkus.panache.common.Sort;
import io.telops.provisioning.device.Device;
import io.telops.provisioning.render.Vendor;
import io.telops.provisioning.serving.ConfigCache;
import io.telops.provisioning.settings.Site;

/**
 * The shared phonebook of each site. A site is this service's account (monster-ui's {@code /locks/{account}/…}
 * is the device's site), so every phone of a site gets the site's contacts. Configs hold only the phonebook's URL,
 * which is set while the site has contacts: the cached configs are marked stale only when a site gains its first
 * contact or loses its last, not on every edit.
 */
@ApplicationScoped
public class PhonebookService {
    /** At most this many contacts per site: Yealink and Grandstream phones keep a few thousand at most. */
    public static final int MAX_CONTACTS = 5_000;
    private static final Sort ORDER = Sort.by("lastName").and("firstName").and("id");

    @Inject
    ConfigCache cache;

    @Transactional
    public List<ContactView> list(String siteId) {
        requireSite(siteId);
        return Contact.<Contact>find("siteId", ORDER, siteId).stream().map(ContactView::of).toList();
    }

    @Transactional
    public ContactView create(String siteId, ContactInput in) {
        requireSite(siteId);
        ContactInput v = in.validated();
        long before = Contact.count("siteId", siteId);
        if (before >= MAX_CONTACTS) {
            throw new IllegalArgumentException("a site's phonebook holds at most " + MAX_CONTACTS + " contacts");
        }
        Contact c = persist(siteId, v);
        urlPresenceChanged(before, before + 1);
        return ContactView.of(c);
    }

    @Transactional
    public ContactView update(String siteId, long id, ContactInput in) {
        ContactInput v = in.validated();
        Contact c = find(siteId, id);
        c.firstName = v.firstName();
        c.lastName = v.lastName();
        c.number = v.number();
        c.updatedAt = Instant.now();
        return ContactView.of(c);
    }

    @Transactional
    public void delete(String siteId, long id) {
        find(siteId, id).delete();
        urlPresenceChanged(1, Contact.count("siteId", siteId));
    }

    /**
     * Adds (or with {@code replace}, replaces the phonebook with) every contact of the CSV in this one transaction.
     * The whole file is checked first; a bad row rejects the file with its line number and nothing is stored.
     */
    @Transactional
    public int importCsv(String siteId, String csv, boolean replace) {
        requireSite(siteId);
        List<ContactInput> rows = PhonebookCsv.parse(csv);
        long before = Contact.count("siteId", siteId);
        long kept = replace ? 0 : before;
        if (kept + rows.size() > MAX_CONTACTS) {
            throw new IllegalArgumentException("a site's phonebook holds at most " + MAX_CONTACTS + " contacts; this import would make "
                    + (kept + rows.size()));
        }
        if (replace) {
            Contact.delete("siteId", siteId);
        }
        rows.forEach(r -> persist(siteId, r));
        urlPresenceChanged(before, kept + rows.size());
        return rows.size();
    }

    /** The contacts a device's phonebook file lists: its site's, empty when it has no site. */
    @Transactional
    public List<Entry> entriesForDevice(String mac) {
        Device d = Device.findById(mac);
        if (d == null || d.siteId == null) {
            return List.of();
        }
        return Contact.<Contact>find("siteId", ORDER, d.siteId).stream().map(Contact::entry).toList();
    }

    /**
     * The settings a device's phonebook adds to its DEFAULT layer: {@code PHONEBOOK_URL} in the shape of the vendor's
     * phonebook key when its site has contacts (else nothing, so the key stays out of the file), and for Grandstream
     * {@code PHONEBOOK_DOWNLOAD}, P330's mode (0 off, 1 HTTP, 3 HTTPS). Called inside the caller's transaction.
     */
    public static Map<String, String> settings(Device device, String publicBase) {
        Optional<PhonebookFormat> format = Vendor.forBrand(device.brand).flatMap(PhonebookFormat::of);
        if (format.isEmpty()) {
            return Map.of();
        }
        boolean has = device.siteId != null && Contact.count("siteId", device.siteId) > 0;
        String base = publicBase.endsWith("/") ? publicBase.substring(0, publicBase.length() - 1) : publicBase;
        String url = has ? format.get().url(base, device.mac) : "";
        if (format.get() == PhonebookFormat.GRANDSTREAM) {
            return Map.of("PHONEBOOK_URL", url, "PHONEBOOK_DOWNLOAD", !has ? "0" : base.startsWith("https:") ? "3" : "1");
        }
        return Map.of("PHONEBOOK_URL", url);
    }

    /** {PHONEBOOK_URL} appears or disappears for the site's devices: their cached configs must be rendered again. */
    private void urlPresenceChanged(long before, long after) {
        if ((before == 0) != (after == 0)) {
            cache.invalidateAll();
        }
    }

    private static Contact persist(String siteId, ContactInput v) {
        Contact c = new Contact();
        c.siteId = siteId;
        c.firstName = v.firstName();
        c.lastName = v.lastName();
        c.number = v.number();
        c.updatedAt = Instant.now();
        c.persist();
        return c;
    }

    private static Contact find(String siteId, long id) {
        Contact c = Contact.findById(id);
        if (c == null || !c.siteId.equals(siteId)) {
            throw new NotFoundException("no contact " + id + " in site " + siteId);
        }
        return c;
    }

    private static void requireSite(String siteId) {
        if (Site.findByIdOptional(siteId).isEmpty()) {
            throw new NotFoundException("no site " + siteId);
        }
    }
}
