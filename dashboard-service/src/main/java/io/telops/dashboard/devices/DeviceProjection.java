package io.telops.dashboard.devices;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;


import io.telops.contracts.MacAddress;
import io.telops.contracts.Topics;
import io.telops.contracts.provisioning.AuthFailed;
import io.telops.contracts.provisioning.ConfigFetched;
import io.telops.contracts.provisioning.ConfigRenderFailed;
import io.telops.contracts.provisioning.DeviceChanged;
import io.telops.contracts.provisioning.DeviceCreated;
import io.telops.contracts.provisioning.DeviceDeleted;
import io.telops.contracts.provisioning.DeviceResyncRequested;
import io.telops.contracts.provisioning.ProvisioningEvent;
import io.telops.contracts.provisioning.ProvisioningEventTypes;
import io.telops.dashboard.domain.EventBodies;
import io.telops.dashboard.domain.SqlUpdate;
import io.telops.dashboard.domain.TypedProjection;
import io.telops.dashboard.events.CloudEvent;

/**
 * Keeps {@code device_view} from {@code telops.provisioning-events}. Runs inside the feed's transaction (exactly once
 * per ce_id) and writes with plain JDBC ({@link SqlUpdate}) on the transaction's connection, so no Hibernate flush is forced per event.
 * Each column group changes only when the event is at least as new as what the row shows.
 */
@ApplicationScoped
public class DeviceProjection implements TypedProjection<ProvisioningEvent> {
    private static final EventBodies<ProvisioningEvent> BODIES =
            new EventBodies<>("devices view", Topics.PROVISIONING_EVENTS, ProvisioningEvent.class, ProvisioningEventTypes.ALL);
    /** Fields of device-changed that do not alter the config file a phone fetches. */
    private static final Set<String> NOT_IN_CONFIG = Set.of("provUsername", "provPassword", "enabled", "macLock", "unlocked");

    private static final String UPSERT_RECORD = """
            insert into device_view (mac, brand, family, model, site_id, template_id, pinned_version, line_count, enabled,
                                     mac_lock, deleted, lifecycle_at, config_changed_at, first_seen_at, updated_at)
            values (:mac, :brand, :family, :model, :site, :template, :pinned, :lines, :enabled, :macLock, false, :at,
                    :configChangedAt, :now, :now)
            on conflict (mac) do update set brand = excluded.brand, family = excluded.family, model = excluded.model,
                site_id = excluded.site_id, template_id = excluded.template_id, pinned_version = excluded.pinned_version,
                line_count = excluded.line_count, enabled = excluded.enabled, mac_lock = excluded.mac_lock, deleted = false,
                lifecycle_at = excluded.lifecycle_at,
                config_changed_at = greatest(device_view.config_changed_at, excluded.config_changed_at),
                updated_at = excluded.updated_at
            where device_view.lifecycle_at is null or device_view.lifecycle_at <= excluded.lifecycle_at""";
    // a delete of a device never seen still leaves a tombstone, so an older create arriving later cannot revive it
    private static final String UPSERT_DELETED = """
            insert into device_view (mac, deleted, lifecycle_at, first_seen_at, updated_at) values (:mac, true, :at, :now, :now)
            on conflict (mac) do update set deleted = true, lifecycle_at = excluded.lifecycle_at, updated_at = excluded.updated_at
            where device_view.lifecycle_at is null or device_view.lifecycle_at <= excluded.lifecycle_at""";
    // only authenticated fetches are reported, so a fetch of a device whose record we never saw still makes a row
    private static final String COUNT_FETCH = """
            insert into device_view (mac, fetch_count, first_seen_at, updated_at) values (:mac, 1, :now, :now)
            on conflict (mac) do update set fetch_count = device_view.fetch_count + 1, updated_at = excluded.updated_at""";
    private static final String LAST_FETCH = """
            update device_view set last_fetch_at = :at, last_fetch_ip = :ip, last_user_agent = :agent, last_fetch_file = :file,
                   last_template_id = :template, last_template_version = :version, last_fetch_status = :status
            where mac = :mac and (last_fetch_at is null or last_fetch_at <= :at)""";
    private static final String TEMPLATE_VERSION = """
            insert into device_template_version (template_id, latest_version, seen_at) values (:template, :version, :at)
            on conflict (template_id) do update set latest_version = excluded.latest_version, seen_at = excluded.seen_at
            where device_template_version.latest_version < excluded.latest_version""";
    private static final String AUTH_FAILURE = """
            insert into device_auth_failure (event_id, mac, client_ip, user_agent, file_name, reason, occurred_at)
            values (:id, :mac, :ip, :agent, :file, :reason, :at) on conflict (event_id) do nothing""";
    private static final String RESYNC = """
            insert into device_view (mac, resync_requested_at, resync_requested_by, first_seen_at, updated_at)
            values (:mac, :at, :by, :now, :now)
            on conflict (mac) do update set resync_requested_at = excluded.resync_requested_at,
                resync_requested_by = excluded.resync_requested_by, updated_at = excluded.updated_at
            where device_view.resync_requested_at is null or device_view.resync_requested_at <= excluded.resync_requested_at""";
    private static final String RENDER_FAILED = """
            insert into device_view (mac, render_failed_at, render_failed_file, render_failed_reason, render_failed_missing,
                                     first_seen_at, updated_at) values (:mac, :at, :file, :reason, :missing, :now, :now)
            on conflict (mac) do update set render_failed_at = excluded.render_failed_at,
                render_failed_file = excluded.render_failed_file, render_failed_reason = excluded.render_failed_reason,
                render_failed_missing = excluded.render_failed_missing, updated_at = excluded.updated_at
            where device_view.render_failed_at is null or device_view.render_failed_at <= excluded.render_failed_at""";

    private final DataSource dataSource;

    DeviceProjection(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public EventBodies<ProvisioningEvent> bodies() {
        return BODIES;
    }

    @Override
    public Optional<String> applyBody(CloudEvent event, ProvisioningEvent body) {
        String mac;
        try {
            mac = MacAddress.normalise(body.mac());
        } catch (IllegalArgumentException e) {
            return BODIES.skipped(event, e.getMessage());
        }
        if (body.occurredAt() == null) {
            return BODIES.skipped(event, "no occurredAt");
        }
        Instant now = Instant.now();
        try (Connection connection = dataSource.getConnection()) {
            if (body instanceof DeviceCreated c) {
                record(mac, c.brand(), c.family(), c.model(), c.siteId(), c.templateId(), c.pinnedVersion(), c.lineCount(),
                        c.enabled(), c.macLock(), c.occurredAt(), true, now).run(connection);
                followed(connection, c.templateId(), c.pinnedVersion(), c.templateVersion(), c.occurredAt());
            } else if (body instanceof DeviceChanged c) {
                record(mac, c.brand(), c.family(), c.model(), c.siteId(), c.templateId(), c.pinnedVersion(), c.lineCount(),
                        c.enabled(), c.macLock(), c.occurredAt(), altersConfig(c.changed()), now).run(connection);
                followed(connection, c.templateId(), c.pinnedVersion(), c.templateVersion(), c.occurredAt());
            } else if (body instanceof DeviceDeleted d) {
                new SqlUpdate(UPSERT_DELETED).set("mac", mac).set("at", d.occurredAt()).set("now", now).run(connection);
            } else if (body instanceof ConfigFetched f) {
                fetched(connection, mac, f, now);
            } else if (body instanceof AuthFailed a) {
                new SqlUpdate(AUTH_FAILURE).set("id", event.id()).set("mac", mac).set("ip", clip(a.clientIp(), 64))
                        .set("agent", a.userAgent().map(ua -> clip(ua, 500)).orElse(null)).set("file", clip(a.fileName(), 200))
                        .set("reason", clip(a.reason(), 40)).set("at", a.occurredAt()).run(connection);
            } else if (body instanceof DeviceResyncRequested r) {
                new SqlUpdate(RESYNC).set("mac", mac).set("at", r.occurredAt()).set("by", clip(r.requestedBy(), 200))
                        .set("now", now).run(connection);
            } else if (body instanceof ConfigRenderFailed f) {
                new SqlUpdate(RENDER_FAILED).set("mac", mac).set("at", f.occurredAt()).set("file", clip(f.fileName(), 200))
                        .set("reason", clip(f.reason(), 500)).set("missing", clip(String.join(", ", f.missingSettings()), 1000))
                        .set("now", now).run(connection);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("devices view: " + e.getMessage(), e);
        }
        return Optional.of(mac);
    }

    static boolean altersConfig(List<String> changed) {
        return changed != null && changed.stream().anyMatch(field -> !NOT_IN_CONFIG.contains(field));
    }

    private static SqlUpdate record(String mac, String brand, String family, String model, Optional<String> siteId,
                                    String templateId, Optional<Integer> pinned, int lineCount, boolean enabled,
                                    boolean macLock, Instant at, boolean configChanged, Instant now) {
        return new SqlUpdate(UPSERT_RECORD).set("mac", mac).set("brand", clip(brand, 64)).set("family", clip(family, 64))
                .set("model", clip(model, 64)).set("site", siteId.map(s -> clip(s, 200)).orElse(null))
                .set("template", clip(templateId, 300)).set("pinned", pinned.orElse(null)).set("lines", lineCount)
                .set("enabled", enabled).set("macLock", macLock).set("at", at)
                .set("configChangedAt", configChanged ? at : null).set("now", now);
    }

    private void fetched(Connection connection, String mac, ConfigFetched f, Instant now) throws SQLException {
        new SqlUpdate(COUNT_FETCH).set("mac", mac).set("now", now).run(connection);
        new SqlUpdate(LAST_FETCH).set("at", f.occurredAt()).set("ip", clip(f.clientIp(), 64))
                .set("agent", f.userAgent().map(ua -> clip(ua, 500)).orElse(null)).set("file", clip(f.fileName(), 200))
                .set("template", clip(f.templateId(), 300)).set("version", f.templateVersion())
                .set("status", clip(f.status(), 20)).set("mac", mac).run(connection);
        if (f.templateId() != null) {
            templateVersion(connection, f.templateId(), f.templateVersion(), f.occurredAt());
        }
    }

    /**
     * A device that follows its template's latest version tells which version that is (provisioning announces each new
     * one per device); older events carry none, and then only fetches reveal it.
     */
    private void followed(Connection connection, String templateId, Optional<Integer> pinned, Optional<Integer> version,
                          Instant at) throws SQLException {
        if (templateId != null && pinned.isEmpty() && version.isPresent()) {
            templateVersion(connection, templateId, version.get(), at);
        }
    }

    private void templateVersion(Connection connection, String templateId, int version, Instant at) throws SQLException {
        new SqlUpdate(TEMPLATE_VERSION).set("template", clip(templateId, 300)).set("version", version).set("at", at)
                .run(connection);
    }

    static OffsetDateTime utc(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    private static String clip(String text, int max) {
        if (text == null) {
            return null;
        }
        return text.length() <= max ? text : text.substring(0, max);
    }
}
