package io.telops.dashboard.devices;

import static io.telops.dashboard.domain.JdbcRows.instant;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import io.telops.dashboard.domain.JdbcRows;
import io.telops.dashboard.phone.Page;

/**
 * Reads the devices view. The status is derived in SQL at read time, in one place ({@link #STATUS_CODE}), because it
 * depends on other devices' fetches (the newest template version seen) and on the clock (recent refusals).
 */
@ApplicationScoped
public class DeviceQueries {
    /** Why a device has its status; {@code status} folds the pending reasons into "pending". */
    private static final String STATUS_CODE = """
            case when v.deleted then 'deleted'
                 when v.enabled = false then 'disabled'
                 when coalesce(f.recent, 0) > 0 and (v.last_fetch_at is null or f.last_at > v.last_fetch_at) then 'auth-failing'
                 when v.last_fetch_at is null then 'never-fetched'
                 when v.template_id is not null and v.last_template_id is distinct from v.template_id then 'other-template'
                 when v.pinned_version is not null and v.last_template_version <> v.pinned_version then 'not-pinned-version'
                 when v.pinned_version is null and tv.latest_version > v.last_template_version then 'older-version'
                 when v.config_changed_at > v.last_fetch_at then 'changed-since-fetch'
                 else 'provisioned' end""";
    private static final String ROWS = """
            select * from (
              select v.*, coalesce(f.recent, 0) as recent_failures, f.last_at as last_failure_at,
                     (select a.reason from device_auth_failure a where a.mac = v.mac
                      order by a.occurred_at desc limit 1) as last_failure_reason,
                     coalesce(v.pinned_version, tv.latest_version) as current_version,
                     %s as status_code
              from device_view v
              left join (select mac, count(*) as recent, max(occurred_at) as last_at from device_auth_failure
                         where occurred_at >= ? group by mac) f on f.mac = v.mac
              left join device_template_version tv on tv.template_id = coalesce(v.template_id, v.last_template_id)
            ) d
            where true""".formatted(STATUS_CODE);
    private static final String UNKNOWN_SOURCES = """
            select a.client_ip, count(*) as failures, count(distinct a.mac) as macs, max(a.occurred_at) as last_at,
                   (array_agg(a.mac order by a.occurred_at desc))[1] as last_mac,
                   (array_agg(a.reason order by a.occurred_at desc))[1] as last_reason
            from device_auth_failure a
            where a.occurred_at >= ? and not exists (select 1 from device_view v where v.mac = a.mac and not v.deleted)
            group by a.client_ip
            order by count(*) desc, max(a.occurred_at) desc
            limit ?""";

    private final JdbcRows rows;
    private final DevicesConfig config;

    DeviceQueries(DataSource dataSource, DevicesConfig config) {
        this.rows = new JdbcRows(dataSource, "devices view");
        this.config = config;
    }

    /** Devices, most recently changed first. */
    public Page<DeviceView> search(DeviceFilter filter, int page, int size) {
        StringBuilder where = new StringBuilder();
        List<Object> params = new ArrayList<>();
        params.add(DeviceProjection.utc(recentSince()));
        filter.mac().ifPresent(mac -> {
            where.append(" and d.mac like ? escape '\\'");
            params.add(JdbcRows.contains(mac));
        });
        filter.model().ifPresent(model -> {
            where.append(" and (lower(coalesce(d.brand, '') || ' ' || coalesce(d.family, '') || ' ' || coalesce(d.model, '')")
                    .append(" || ' ' || coalesce(d.template_id, d.last_template_id, '')) like ? escape '\\')");
            params.add(JdbcRows.contains(model.toLowerCase(Locale.ROOT)));
        });
        filter.status().ifPresent(status -> {
            if (status == DeviceStatus.PENDING) {
                where.append(" and d.status_code in ('never-fetched', 'other-template', 'not-pinned-version', 'older-version', 'changed-since-fetch')");
            } else {
                where.append(" and d.status_code = ?");
                params.add(status.label());
            }
        });
        return rows.page("select count(*) from (" + ROWS + where + ") c", ROWS + where + " order by d.updated_at desc, d.mac",
                params, page, size, DeviceQueries::device);
    }

    public Optional<DeviceView> find(String mac) {
        return rows.first(ROWS + " and d.mac = ?", List.of(DeviceProjection.utc(recentSince()), mac), DeviceQueries::device);
    }

    /** The device's refused fetches, newest first (kept for the retention period, not only the recent window). */
    public List<AuthFailureView> authFailures(String mac, int limit) {
        String sql = """
                select mac, client_ip, user_agent, file_name, reason, occurred_at from device_auth_failure
                where mac = ? order by occurred_at desc, event_id limit ?""";
        return rows.list(sql, List.of(mac, limit), rs -> new AuthFailureView(rs.getString("mac"), rs.getString("client_ip"),
                Optional.ofNullable(rs.getString("user_agent")), rs.getString("file_name"), rs.getString("reason"),
                instant(rs, "occurred_at").orElseThrow()));
    }

    /** Recent refusals of MACs that are no live device, counted per client address, most failures first. */
    public List<AuthSourceView> unknownSources(int limit) {
        return rows.list(UNKNOWN_SOURCES, List.of(DeviceProjection.utc(recentSince()), limit),
                rs -> new AuthSourceView(rs.getString("client_ip"), rs.getLong("failures"), rs.getLong("macs"),
                        instant(rs, "last_at").orElseThrow(), rs.getString("last_mac"), rs.getString("last_reason")));
    }

    private Instant recentSince() {
        return Instant.now().minus(config.recentAuthFailures());
    }

    private static DeviceView device(ResultSet rs) throws SQLException {
        Optional<Instant> fetchedAt = instant(rs, "last_fetch_at");
        Optional<DeviceView.LastFetch> lastFetch = fetchedAt.map(at -> {
            try {
                return new DeviceView.LastFetch(at, rs.getString("last_fetch_ip"), Optional.ofNullable(rs.getString("last_user_agent")),
                        rs.getString("last_fetch_file"), rs.getString("last_template_id"), rs.getInt("last_template_version"),
                        rs.getString("last_fetch_status"));
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        });
        String code = rs.getString("status_code");
        long recentFailures = rs.getLong("recent_failures");
        Optional<Integer> currentVersion = integer(rs, "current_version");
        return new DeviceView(rs.getString("mac"), text(rs, "brand"), text(rs, "family"), text(rs, "model"), text(rs, "site_id"),
                text(rs, "template_id"), integer(rs, "pinned_version"), currentVersion, integer(rs, "line_count"),
                bool(rs, "enabled"), bool(rs, "mac_lock"), status(code).label(),
                reason(code, recentFailures, lastFetch, currentVersion), lastFetch, rs.getLong("fetch_count"), recentFailures,
                instant(rs, "last_failure_at"), text(rs, "last_failure_reason"), instant(rs, "lifecycle_at"),
                instant(rs, "first_seen_at").orElseThrow(), instant(rs, "updated_at").orElseThrow(),
                resync(rs, fetchedAt), renderFailure(rs, fetchedAt));
    }

    private static Optional<DeviceView.Resync> resync(ResultSet rs, Optional<Instant> fetchedAt) throws SQLException {
        Optional<Instant> at = instant(rs, "resync_requested_at");
        if (at.isEmpty()) {
            return Optional.empty();
        }
        boolean pending = fetchedAt.map(f -> f.isBefore(at.get())).orElse(true);
        return Optional.of(new DeviceView.Resync(text(rs, "resync_requested_by").orElse("unknown"), at.get(), pending));
    }

    private static Optional<DeviceView.RenderFailure> renderFailure(ResultSet rs, Optional<Instant> fetchedAt) throws SQLException {
        Optional<Instant> at = instant(rs, "render_failed_at");
        if (at.isEmpty()) {
            return Optional.empty();
        }
        String missing = text(rs, "render_failed_missing").orElse("");
        return Optional.of(new DeviceView.RenderFailure(at.get(), text(rs, "render_failed_file").orElse("?"),
                text(rs, "render_failed_reason"), missing.isEmpty() ? List.of() : List.of(missing.split(", ")),
                fetchedAt.map(f -> f.isBefore(at.get())).orElse(true)));
    }

    static DeviceStatus status(String code) {
        return switch (code) {
            case "deleted" -> DeviceStatus.DELETED;
            case "disabled" -> DeviceStatus.DISABLED;
            case "auth-failing" -> DeviceStatus.AUTH_FAILING;
            case "provisioned" -> DeviceStatus.PROVISIONED;
            default -> DeviceStatus.PENDING;
        };
    }

    private static String reason(String code, long recentFailures, Optional<DeviceView.LastFetch> lastFetch,
                                 Optional<Integer> currentVersion) {
        String fetched = lastFetch.map(f -> f.templateId() + " v" + f.templateVersion()).orElse("nothing");
        return switch (code) {
            case "deleted" -> "deleted in provisioning-service";
            case "disabled" -> "disabled: its config is not served";
            case "auth-failing" -> recentFailures + " refused fetch(es) since its last good fetch";
            case "never-fetched" -> "never fetched its config";
            case "other-template" -> "last fetched " + fetched + ", another template than its current one";
            case "not-pinned-version", "older-version" -> "last fetched " + fetched + ", current is v" + currentVersion.map(String::valueOf).orElse("?");
            case "changed-since-fetch" -> "its config changed after the last fetch";
            default -> "fetched its current config (" + fetched + ")";
        };
    }

    private static Optional<String> text(ResultSet rs, String column) throws SQLException {
        return Optional.ofNullable(rs.getString(column));
    }

    private static Optional<Integer> integer(ResultSet rs, String column) throws SQLException {
        int value = rs.getInt(column);
        return rs.wasNull() ? Optional.empty() : Optional.of(value);
    }

    private static Optional<Boolean> bool(ResultSet rs, String column) throws SQLException {
        boolean value = rs.getBoolean(column);
        return rs.wasNull() ? Optional.empty() : Optional.of(value);
    }
}
