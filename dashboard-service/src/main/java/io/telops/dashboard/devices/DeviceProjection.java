package io.telops.dashboard.devices;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.telops.contracts.EventJson;
import io.telops.contracts.EventType;
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
import io.telops.dashboard.domain.DomainProjection;
import io.telops.dashboard.events.CloudEvent;

/**
 * Keeps {@code device_view} from {@code telops.provisioning-events}. Runs inside the feed's transaction (exactly once
 * per ce_id) and writes with plain JDBC on the transaction's connection, so no Hibernate flush is forced per event.
 * Each column group changes only when the event is at least as new as what the row shows.
 */
@ApplicationScoped
public class DeviceProjection implements DomainProjection {
    private static final Logger LOG = Logger.getLogger(DeviceProjection.class);
    private static final ObjectMapper JSON = EventJson.mapper();
    private static final Map<String, EventType<?>> TYPES = ProvisioningEventTypes.ALL.stream()
            .collect(Collectors.toUnmodifiableMap(EventType::type, Function.identity()));
    /** Fields of device-changed that do not alter the config file a phone fetches. */
    private static final Set<String> NOT_IN_CONFIG = Set.of("provUsername", "provPassword", "enabled", "macLock", "unlocked");

    private static final String UPSERT_RECORD = """
            insert into device_view (mac, brand, family, model, site_id, template_id, pinned_version, line_count, enabled,
                                     mac_lock, deleted, lifecycle_at, config_changed_at, first_seen_at, updated_at)
            values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, false, ?, ?, ?, ?)
            on conflict (mac) do update set brand = excluded.brand, family = excluded.family, model = excluded.model,
                site_id = excluded.site_id, template_id = excluded.template_id, pinned_version = excluded.pinned_version,
                line_count = excluded.line_count, enabled = excluded.enabled, mac_lock = excluded.mac_lock, deleted = false,
                lifecycle_at = excluded.lifecycle_at,
                config_changed_at = greatest(device_view.config_changed_at, excluded.config_changed_at),
                updated_at = excluded.updated_at
            where device_view.lifecycle_at is null or device_view.lifecycle_at <= excluded.lifecycle_at""";
    private static final String UPSERT_DELETED = """
            insert into device_view (mac, deleted, lifecycle_at, first_seen_at, updated_at) values (?, true, ?, ?, ?)
            on conflict (mac) do update set deleted = true, lifecycle_at = excluded.lifecycle_at, updated_at = excluded.updated_at
            where device_view.lifecycle_at is null or device_view.lifecycle_at <= excluded.lifecycle_at""";
    private static final String COUNT_FETCH = """
            insert into device_view (mac, fetch_count, first_seen_at, updated_at) values (?, 1, ?, ?)
            on conflict (mac) do update set fetch_count = device_view.fetch_count + 1, updated_at = excluded.updated_at""";
    private static final String LAST_FETCH = """
            update device_view set last_fetch_at = ?, last_fetch_ip = ?, last_user_agent = ?, last_fetch_file = ?,
                   last_template_id = ?, last_template_version = ?, last_fetch_status = ?
            where mac = ? and (last_fetch_at is null or last_fetch_at <= ?)""";
    private static final String TEMPLATE_VERSION = """
            insert into device_template_version (template_id, latest_version, seen_at) values (?, ?, ?)
            on conflict (template_id) do update set latest_version = excluded.latest_version, seen_at = excluded.seen_at
            where device_template_version.latest_version < excluded.latest_version""";
    private static final String AUTH_FAILURE = """
            insert into device_auth_failure (event_id, mac, client_ip, user_agent, file_name, reason, occurred_at)
            values (?, ?, ?, ?, ?, ?, ?) on conflict (event_id) do nothing""";

    private static final String RESYNC = """
            insert into device_view (mac, resync_requested_at, resync_requested_by, first_seen_at, updated_at) values (?, ?, ?, ?, ?)
            on conflict (mac) do update set resync_requested_at = excluded.resync_requested_at,
                resync_requested_by = excluded.resync_requested_by, updated_at = excluded.updated_at
            where device_view.resync_requested_at is null or device_view.resync_requested_at <= excluded.resync_requested_at""";
    private static final String RENDER_FAILED = """
            insert into device_view (mac, render_failed_at, render_failed_file, render_failed_reason, render_failed_missing,
                                     first_seen_at, updated_at) values (?, ?, ?, ?, ?, ?, ?)
            on conflict (mac) do update set render_failed_at = excluded.render_failed_at,
                render_failed_file = excluded.render_failed_file, render_failed_reason = excluded.render_failed_reason,
                render_failed_missing = excluded.render_failed_missing, updated_at = excluded.updated_at
            where device_view.render_failed_at is null or device_view.render_failed_at <= excluded.render_failed_at""";

    private final DataSource dataSource;

    DeviceProjection(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public String topic() {
        return Topics.PROVISIONING_EVENTS;
    }

    @Override
    public Optional<String> apply(CloudEvent event, JsonNode data) {
        EventType<?> type = TYPES.get(event.type());
        if (type == null) {
            return Optional.empty();
        }
        ProvisioningEvent body;
        String mac;
        try {
            body = (ProvisioningEvent) JSON.treeToValue(data, type.recordClass());
            mac = MacAddress.normalise(body.mac());
            if (body.occurredAt() == null) {
                throw new IllegalArgumentException("no occurredAt");
            }
        } catch (JsonProcessingException | IllegalArgumentException | NullPointerException e) {
            // the feed keeps the raw event; the view skips what it cannot read rather than block the partition
            LOG.warnf("devices view skips %s %s at %s: %s", event.type(), event.id(), event.position(), e.getMessage());
            return Optional.empty();
        }
        Instant now = Instant.now();
        try (Connection connection = dataSource.getConnection()) {
            if (body instanceof DeviceCreated c) {
                record(connection, mac, c.brand(), c.family(), c.model(), c.siteId(), c.templateId(), c.pinnedVersion(),
                        c.lineCount(), c.enabled(), c.macLock(), c.occurredAt(), true, now);
                followed(connection, c.templateId(), c.pinnedVersion(), c.templateVersion(), c.occurredAt());
            } else if (body instanceof DeviceChanged c) {
                record(connection, mac, c.brand(), c.family(), c.model(), c.siteId(), c.templateId(), c.pinnedVersion(),
                        c.lineCount(), c.enabled(), c.macLock(), c.occurredAt(), altersConfig(c.changed()), now);
                followed(connection, c.templateId(), c.pinnedVersion(), c.templateVersion(), c.occurredAt());
            } else if (body instanceof DeviceDeleted d) {
                deleted(connection, mac, d.occurredAt(), now);
            } else if (body instanceof ConfigFetched f) {
                fetched(connection, mac, f, now);
            } else if (body instanceof AuthFailed a) {
                refused(connection, event.id(), mac, a);
            } else if (body instanceof DeviceResyncRequested r) {
                try (PreparedStatement ps = connection.prepareStatement(RESYNC)) {
                    ps.setString(1, mac);
                    ps.setObject(2, utc(r.occurredAt()));
                    ps.setString(3, clip(r.requestedBy(), 200));
                    ps.setObject(4, utc(now));
                    ps.setObject(5, utc(now));
                    ps.executeUpdate();
                }
            } else if (body instanceof ConfigRenderFailed f) {
                try (PreparedStatement ps = connection.prepareStatement(RENDER_FAILED)) {
                    ps.setString(1, mac);
                    ps.setObject(2, utc(f.occurredAt()));
                    ps.setString(3, clip(f.fileName(), 200));
                    ps.setString(4, clip(f.reason(), 500));
                    ps.setString(5, clip(String.join(", ", f.missingSettings()), 1000));
                    ps.setObject(6, utc(now));
                    ps.setObject(7, utc(now));
                    ps.executeUpdate();
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("devices view: " + e.getMessage(), e);
        }
        return Optional.of(mac);
    }

    static boolean altersConfig(List<String> changed) {
        return changed != null && changed.stream().anyMatch(field -> !NOT_IN_CONFIG.contains(field));
    }

    private void record(Connection connection, String mac, String brand, String family, String model, Optional<String> siteId,
                        String templateId, Optional<Integer> pinned, int lineCount, boolean enabled, boolean macLock,
                        Instant at, boolean configChanged, Instant now) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(UPSERT_RECORD)) {
            ps.setString(1, mac);
            ps.setString(2, clip(brand, 64));
            ps.setString(3, clip(family, 64));
            ps.setString(4, clip(model, 64));
            ps.setString(5, siteId.map(s -> clip(s, 200)).orElse(null));
            ps.setString(6, clip(templateId, 300));
            setInt(ps, 7, pinned);
            ps.setInt(8, lineCount);
            ps.setBoolean(9, enabled);
            ps.setBoolean(10, macLock);
            ps.setObject(11, utc(at));
            ps.setObject(12, configChanged ? utc(at) : null, Types.TIMESTAMP_WITH_TIMEZONE);
            ps.setObject(13, utc(now));
            ps.setObject(14, utc(now));
            ps.executeUpdate();
        }
    }

    private void deleted(Connection connection, String mac, Instant at, Instant now) throws SQLException {
        // a delete of a device never seen still leaves a tombstone, so an older create arriving later cannot revive it
        try (PreparedStatement ps = connection.prepareStatement(UPSERT_DELETED)) {
            ps.setString(1, mac);
            ps.setObject(2, utc(at));
            ps.setObject(3, utc(now));
            ps.setObject(4, utc(now));
            ps.executeUpdate();
        }
    }

    private void fetched(Connection connection, String mac, ConfigFetched f, Instant now) throws SQLException {
        // only authenticated fetches are reported, so a fetch of a device whose record we never saw still makes a row
        try (PreparedStatement ps = connection.prepareStatement(COUNT_FETCH)) {
            ps.setString(1, mac);
            ps.setObject(2, utc(now));
            ps.setObject(3, utc(now));
            ps.executeUpdate();
        }
        try (PreparedStatement ps = connection.prepareStatement(LAST_FETCH)) {
            ps.setObject(1, utc(f.occurredAt()));
            ps.setString(2, clip(f.clientIp(), 64));
            ps.setString(3, f.userAgent().map(ua -> clip(ua, 500)).orElse(null));
            ps.setString(4, clip(f.fileName(), 200));
            ps.setString(5, clip(f.templateId(), 300));
            ps.setInt(6, f.templateVersion());
            ps.setString(7, clip(f.status(), 20));
            ps.setString(8, mac);
            ps.setObject(9, utc(f.occurredAt()));
            ps.executeUpdate();
        }
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
        try (PreparedStatement ps = connection.prepareStatement(TEMPLATE_VERSION)) {
            ps.setString(1, clip(templateId, 300));
            ps.setInt(2, version);
            ps.setObject(3, utc(at));
            ps.executeUpdate();
        }
    }

    private void refused(Connection connection, String eventId, String mac, AuthFailed a) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(AUTH_FAILURE)) {
            ps.setString(1, eventId);
            ps.setString(2, mac);
            ps.setString(3, clip(a.clientIp(), 64));
            ps.setString(4, a.userAgent().map(ua -> clip(ua, 500)).orElse(null));
            ps.setString(5, clip(a.fileName(), 200));
            ps.setString(6, clip(a.reason(), 40));
            ps.setObject(7, utc(a.occurredAt()));
            ps.executeUpdate();
        }
    }

    private static void setInt(PreparedStatement ps, int index, Optional<Integer> value) throws SQLException {
        if (value.isPresent()) {
            ps.setInt(index, value.get());
        } else {
            ps.setNull(index, Types.INTEGER);
        }
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
