package io.telops.dashboard.overview;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import io.telops.contracts.Topics;
import io.telops.dashboard.billing.Money;
import io.telops.dashboard.overview.AttentionItem.Kind;
import io.telops.dashboard.phone.PhoneConfig;

/**
 * What needs an operator, newest first: phones offline past the threshold, trunks that lost their binding or were
 * deactivated, failed voicemail SMS and refused config fetches by source address. Read on each request from the
 * views the projections keep, so an item clears as soon as its cause does: an account below its low-balance threshold
 * until its balance-recovered, a config that failed to render until the device's next successful fetch.
 */
@ApplicationScoped
public class NeedsAttention {
    // offline since the last received event plus the offline window
    private static final String PHONES = """
            select mac, last_heard_at from phone where last_heard_at < ? order by last_heard_at desc limit ?""";
    private static final String TRUNKS = """
            select trunk_id, phone_number, activated, coalesce(last_change_at, state_at) as since from trunk_view
            where present and not marked_for_deletion and (not activated or not binding_working)
            order by since desc limit ?""";
    private static final String SMS = """
            select v.recording_id, v.line_id, v.sms_to, v.sms_reason, v.sms_at from cf_voicemail v
            where v.sms_status = 'failed' and v.sms_at >= ? order by v.sms_at desc limit ?""";
    private static final String AUTH = """
            select client_ip, count(*), min(occurred_at), max(occurred_at), count(distinct mac) from device_auth_failure
            where occurred_at >= ? group by client_ip having count(*) >= ? order by max(occurred_at) desc limit ?""";

    private static final String LOW_BALANCE = """
            select account_id, username, currency, low_balance_minor, low_threshold_minor, low_since from bl_account
            where low order by low_since desc nulls last limit ?""";
    // a failed render stays until the device's next successful fetch (last_fetch_at after the failure)
    private static final String RENDER_FAILED = """
            select mac, render_failed_file, render_failed_reason, render_failed_missing, render_failed_at from device_view
            where render_failed_at is not null and (last_fetch_at is null or last_fetch_at < render_failed_at) and not deleted
            order by render_failed_at desc limit ?""";

    private final DataSource dataSource;
    private final OverviewConfig config;
    private final PhoneConfig phones;

    private final ConsumerLag consumerLag;

    NeedsAttention(DataSource dataSource, OverviewConfig config, PhoneConfig phones, ConsumerLag consumerLag) {
        this.dataSource = dataSource;
        this.consumerLag = consumerLag;
        this.config = config;
        this.phones = phones;
    }

    public List<AttentionItem> items() {
        OverviewConfig.Attention attention = config.attention();
        Instant now = Instant.now();
        int limit = attention.maxItems();
        List<AttentionItem> items = new ArrayList<>();
        try (Connection connection = dataSource.getConnection()) {
            try (PreparedStatement s = connection.prepareStatement(PHONES)) {
                s.setTimestamp(1, Timestamp.from(now.minus(phones.offlineAfter()).minus(attention.phoneOfflineFor())));
                s.setInt(2, limit);
                try (ResultSet rows = s.executeQuery()) {
                    while (rows.next()) {
                        String mac = rows.getString(1).strip();
                        Instant heard = instant(rows, 2);
                        items.add(new AttentionItem(Kind.PHONE_OFFLINE, "Phone " + mac,
                                "offline: no event received since " + heard, heard.plus(phones.offlineAfter()),
                                "/phones/" + mac));
                    }
                }
            }
            try (PreparedStatement s = connection.prepareStatement(TRUNKS)) {
                s.setInt(1, limit);
                try (ResultSet rows = s.executeQuery()) {
                    while (rows.next()) {
                        boolean deactivated = !rows.getBoolean(3);
                        items.add(new AttentionItem(deactivated ? Kind.TRUNK_DEACTIVATED : Kind.TRUNK_BINDING_LOST,
                                "Trunk " + rows.getString(1) + " (" + rows.getString(2) + ")",
                                deactivated ? "deactivated" : "lost its number binding", instant(rows, 4),
                                "/trunks/" + rows.getString(1)));
                    }
                }
            }
            try (PreparedStatement s = connection.prepareStatement(SMS)) {
                s.setTimestamp(1, Timestamp.from(now.minus(attention.window())));
                s.setInt(2, limit);
                try (ResultSet rows = s.executeQuery()) {
                    while (rows.next()) {
                        String reason = rows.getString(4);
                        items.add(new AttentionItem(Kind.SMS_FAILED, "Voicemail SMS to " + rows.getString(3),
                                "failed" + (reason == null ? "" : ": " + reason) + " (recording " + rows.getString(1) + ")",
                                instant(rows, 5), "/call-forward/lines/" + rows.getString(2)));
                    }
                }
            }
            try (PreparedStatement s = connection.prepareStatement(AUTH)) {
                s.setTimestamp(1, Timestamp.from(now.minus(attention.window())));
                s.setInt(2, attention.authFailuresPerSource());
                s.setInt(3, limit);
                try (ResultSet rows = s.executeQuery()) {
                    while (rows.next()) {
                        items.add(new AttentionItem(Kind.PROVISIONING_AUTH_FAILURES, "Config fetches from " + rows.getString(1),
                                rows.getLong(2) + " refused for " + rows.getLong(5) + " device(s), last at " + instant(rows, 4),
                                instant(rows, 3), "/devices?status=auth-failing"));
                    }
                }
            }
            try (PreparedStatement s = connection.prepareStatement(LOW_BALANCE)) {
                s.setInt(1, limit);
                try (ResultSet rows = s.executeQuery()) {
                    while (rows.next()) {
                        long account = rows.getLong(1);
                        String user = rows.getString(2);
                        String currency = rows.getString(3);
                        OffsetDateTime since = rows.getObject(6, OffsetDateTime.class);
                        items.add(new AttentionItem(Kind.BALANCE_LOW, "Account " + account + (user == null ? "" : " (" + user + ")"),
                                "balance " + Money.format(rows.getLong(4), currency) + " below its threshold of "
                                        + Money.format(rows.getLong(5), currency),
                                since == null ? now : since.toInstant(), "/balances#account-" + account));
                    }
                }
            }
            try (PreparedStatement s = connection.prepareStatement(RENDER_FAILED)) {
                s.setInt(1, limit);
                try (ResultSet rows = s.executeQuery()) {
                    while (rows.next()) {
                        String mac = rows.getString(1).strip();
                        String missing = rows.getString(4);
                        String reason = rows.getString(3);
                        items.add(new AttentionItem(Kind.CONFIG_RENDER_FAILED, "Device " + mac,
                                "config " + rows.getString(2) + " could not be rendered"
                                        + (missing == null || missing.isEmpty() ? "" : ", missing settings: " + missing)
                                        + (reason == null || reason.isEmpty() ? "" : " (" + reason + ")"),
                                instant(rows, 5), "/devices/" + mac));
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read what needs attention", e);
        }
        for (ConsumerLag.Lag lag : consumerLag.above(attention.lagGroups(), attention.consumerLag())) {
            items.add(new AttentionItem(Kind.CONSUMER_LAG, "Consumer group " + lag.group() + " on " + lag.topic(),
                    lag.records() + " records behind (threshold " + attention.consumerLag() + ")", lag.since(),
                    lag.topic().equals(Topics.PHONE_EVENTS) ? "/phones" : "/feed?topic=" + lag.topic()));
        }
        return items.stream().sorted(Comparator.comparing(AttentionItem::since).reversed()).limit(limit).toList();
    }

    private static Instant instant(ResultSet rows, int column) throws SQLException {
        return rows.getObject(column, OffsetDateTime.class).toInstant();
    }
}
