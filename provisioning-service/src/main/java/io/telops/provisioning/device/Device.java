package io.telops.provisioning.device;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A provisioned phone. Lines and keys are JSON; SIP and provisioning passwords are stored encrypted. */
@Entity
@Table(name = "device")
public class Device extends PanacheEntityBase {
    @Id
    public String mac;
    @Column(name = "site_id")
    public String siteId;
    public String brand;
    public String family;
    public String model;
    @Column(name = "expansion_modules")
    public int expansionModules;
    @Column(name = "pinned_version")
    public Integer pinnedVersion;
    @Column(name = "prov_username")
    public String provUsername;
    @Column(name = "prov_password_enc")
    public String provPasswordEnc;
    /** The phone's admin password (ADMIN_PASSWORD), generated per device, AES-GCM encrypted. */
    @Column(name = "admin_password_enc")
    public String adminPasswordEnc;
    public String timezone;
    @Column(name = "firmware_url")
    public String firmwareUrl;
    public String lines = "[]";
    public String keys = "[]";
    public String settings = "{}";
    public boolean enabled = true;
    @Column(name = "mac_lock")
    public boolean macLock;
    @Column(name = "locked_address")
    public String lockedAddress;
    @Column(name = "unlocked_until")
    public Instant unlockedUntil;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "updated_at")
    public Instant updatedAt;
    @Version
    public long revision;
    @Column(name = "last_fetch_at")
    public Instant lastFetchAt;
    @Column(name = "last_fetch_ip")
    public String lastFetchIp;
    @Column(name = "last_user_agent")
    public String lastUserAgent;
    @Column(name = "last_template_version")
    public Integer lastTemplateVersion;
    @Column(name = "last_status")
    public String lastStatus;
    @Column(name = "last_fetch_file")
    public String lastFetchFile;
    /** Set by a re-sync request, cleared by the fetch recorder at the device's next successful config fetch. */
    @Column(name = "resync_requested_at")
    public Instant resyncRequestedAt;
    @Column(name = "resync_requested_by")
    public String resyncRequestedBy;

    /** The Kazoo-style template id; expansion modules select the {@code -n} variant when it exists. */
    public String templateId(boolean withModules) {
        String base = "ui/" + brand + "/" + family + "/" + model;
        return withModules && expansionModules > 0 ? base + "-" + expansionModules : base;
    }
}
