package io.telops.dashboard.phone;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.hibernate.Session;

import io.quarkus.panache.common.Sort;
import io.telops.dashboard.domain.JdbcRows;
import io.telops.dashboard.domain.NativeRows;

/** Reads the phone read model for the API, the pages and the live updates. */
@ApplicationScoped
@Transactional
public class PhoneQueries {
    // one round trip for the phones and their most recent log rows (not their bodies); bpchar[] so the primary
    // key and phone_log_mac_time_idx serve it; a phone without log rows still comes back (left join)
    private static final String VIEWS = """
            select p.mac, p.ip, p.model, p.state, p.lines, p.users, p.locked, p.first_heard_at, p.last_heard_at,
                   p.event_count, l.event_id, l.event_type, l.occurred_at, l.utc_offset, l.summary, l.call_reference
            from phone p left join lateral (
                select pl.id, pl.event_id, pl.event_type, pl.occurred_at, pl.utc_offset, pl.summary, pl.call_reference
                from phone_log pl where pl.mac = p.mac order by pl.occurred_at desc, pl.id desc limit ?) l on true
            where p.mac = any(?::bpchar[])
            order by p.mac, l.occurred_at desc, l.id desc""";

    private final EntityManager entityManager;
    private final PhoneConfig config;

    PhoneQueries(EntityManager entityManager, PhoneConfig config) {
        this.entityManager = entityManager;
        this.config = config;
    }

    public Page<PhoneView> search(PhoneFilter filter, int page, int size) {
        Map<String, Object> params = new HashMap<>();
        StringBuilder where = new StringBuilder(" from phone p where true");
        filter.text().ifPresent(text -> {
            params.put("text", contains(text));
            params.put("macText", contains(macFragment(text)));
            where.append(" and (lower(p.mac) like :macText escape '\\' or lower(p.ip) like :text escape '\\'")
                    .append(" or lower(coalesce(p.model, '')) like :text escape '\\'")
                    .append(" or exists (select 1 from phone_term t where t.mac = p.mac and lower(t.term) like :text escape '\\'))");
        });
        filter.mac().ifPresent(mac -> {
            params.put("mac", contains(macFragment(mac)));
            where.append(" and lower(p.mac) like :mac escape '\\'");
        });
        filter.line().ifPresent(line -> {
            params.put("line", contains(line));
            where.append(" and (lower(array_to_string(p.lines, ' ')) like :line escape '\\'")
                    .append(" or exists (select 1 from phone_term t where t.mac = p.mac and t.kind = 'line' and lower(t.term) like :line escape '\\'))");
        });
        filter.party().ifPresent(party -> {
            params.put("party", contains(party));
            where.append(" and exists (select 1 from phone_term t where t.mac = p.mac and t.kind = 'party' and lower(t.term) like :party escape '\\')");
        });
        filter.status().ifPresent(status -> {
            params.put("cutoff", offlineCutoff());
            if (status == PhoneState.OFFLINE) {
                where.append(" and p.last_heard_at < :cutoff");
            } else {
                params.put("state", status.name());
                where.append(" and p.state = :state and p.last_heard_at >= :cutoff");
            }
        });
        return new NativeRows(entityManager).page("select count(*)" + where,
                "select p.mac" + where + " order by p.last_heard_at desc, p.mac limit :limit offset :offset", params, page, size,
                rows -> views(rows.stream().map(row -> row.get(0).toString().strip()).toList()));
    }

    /**
     * One phone. A single statement needs no transaction of its own: without one the connection runs it in
     * autocommit, one round trip instead of three (begin, select, commit) for every API read of a phone.
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<PhoneView> find(String mac) {
        List<PhoneView> found = read(List.of(mac));
        return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
    }

    /**
     * The phones with these MACs, in the given order, each with its most recent log rows: one query through plain
     * JDBC on the transaction's connection (the API reads a phone per request, so no entity is built, managed or
     * dirty-checked for it).
     */
    public List<PhoneView> views(Collection<String> macs) {
        return read(macs);
    }

    private List<PhoneView> read(Collection<String> macs) {
        if (macs.isEmpty()) {
            return List.of();
        }
        Instant now = Instant.now();
        Instant cutoff = now.minus(config.offlineAfter());
        Map<String, PhoneView> found = entityManager.unwrap(Session.class).doReturningWork(connection -> {
            Map<String, PhoneView> views = new HashMap<>();
            try (PreparedStatement statement = connection.prepareStatement(VIEWS)) {
                statement.setInt(1, config.recentLogs());
                statement.setArray(2, connection.createArrayOf("text", macs.toArray()));
                try (ResultSet rows = statement.executeQuery()) {
                    PhoneView current = null;
                    while (rows.next()) {
                        String mac = rows.getString("mac").strip();
                        if (current == null || !current.mac().equals(mac)) {
                            current = view(rows, mac, cutoff, now);
                            views.put(mac, current);
                        }
                        String eventId = rows.getString("event_id");
                        if (eventId != null) {
                            Instant at = rows.getObject("occurred_at", OffsetDateTime.class).toInstant();
                            current.recentLogs().add(new LogView(eventId, rows.getString("event_type"), at,
                                    LogView.localTime(at, rows.getString("utc_offset")), rows.getString("summary"),
                                    Optional.ofNullable(rows.getString("call_reference"))));
                        }
                    }
                }
            }
            return views;
        });
        List<PhoneView> views = new ArrayList<>();
        for (String mac : macs) {
            PhoneView view = found.get(mac);
            if (view != null) {
                views.add(new PhoneView(view.mac(), view.ip(), view.model(), view.status(), view.statusReason(),
                        view.lines(), view.users(),
                        view.locked(), view.firstHeardAt(), view.lastHeardAt(), view.eventCount(),
                        List.copyOf(view.recentLogs())));
            }
        }
        return views;
    }

    /** The phone columns of a {@link #VIEWS} row, with an empty, growable list for its log rows. */
    private static PhoneView view(ResultSet rows, String mac, Instant cutoff, Instant now) throws SQLException {
        Instant lastHeard = rows.getObject("last_heard_at", OffsetDateTime.class).toInstant();
        boolean offline = lastHeard.isBefore(cutoff);
        PhoneState status = offline ? PhoneState.OFFLINE : PhoneState.valueOf(rows.getString("state"));
        Optional<String> reason = offline ? Optional.of(PhoneView.silence(Duration.between(lastHeard, now))) : Optional.empty();
        return new PhoneView(mac, rows.getString("ip"), Optional.ofNullable(rows.getString("model")), status.label(),
                reason, strings(rows.getArray("lines")), strings(rows.getArray("users")), rows.getBoolean("locked"),
                rows.getObject("first_heard_at", OffsetDateTime.class).toInstant(), lastHeard,
                rows.getLong("event_count"), new ArrayList<>());
    }

    private static List<String> strings(java.sql.Array array) throws SQLException {
        return array == null ? List.of() : List.of((String[]) array.getArray());
    }

    public Page<LogView> history(String mac, int page, int size) {
        List<LogView> rows = PhoneLogEntry.<PhoneLogEntry>find("mac", Sort.descending("occurredAt", "id"), mac)
                .page(page, size).list().stream().map(LogView::of).toList();
        return new Page<>(rows, page, size, PhoneLogEntry.count("mac", mac));
    }

    public Page<CallView> calls(String mac, int page, int size) {
        List<CallView> rows = PhoneCall.<PhoneCall>find("mac", Sort.descending("startedAt", "id"), mac)
                .page(page, size).list().stream().map(CallView::of).toList();
        return new Page<>(rows, page, size, PhoneCall.count("mac", mac));
    }

    /** Phones whose silence crossed the offline window between {@code from} (exclusive) and {@code to}. */
    public List<String> wentSilentBetween(Instant from, Instant to) {
        Duration window = config.offlineAfter();
        return Phone.<Phone>list("lastHeardAt > ?1 and lastHeardAt <= ?2", from.minus(window), to.minus(window))
                .stream().map(p -> p.mac).toList();
    }

    public boolean exists(String mac) {
        return Phone.count("mac", mac) > 0;
    }

    public long countPhones() {
        return Phone.count();
    }

    private Instant offlineCutoff() {
        return Instant.now().minus(config.offlineAfter());
    }

    private static String contains(String text) {
        return JdbcRows.contains(text.toLowerCase(Locale.ROOT));
    }

    /** What a MAC search means in the stored spelling: separators dropped, upper case. */
    private static String macFragment(String text) {
        return text.replaceAll("[:\\-.\\s]", "").toUpperCase(Locale.ROOT);
    }
}
