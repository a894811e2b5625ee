package io.telops.dashboard.phone;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import jakarta.transaction.Transactional;

import io.quarkus.panache.common.Sort;

/** Reads the phone read model for the API, the pages and the live updates. */
@ApplicationScoped
@Transactional
public class PhoneQueries {
    private static final String RECENT_LOGS = """
            select l.* from phone p cross join lateral (
                select * from phone_log pl where pl.mac = p.mac order by pl.occurred_at desc, pl.id desc limit :n) l
            where p.mac in (:macs)
            order by l.mac, l.occurred_at desc, l.id desc""";

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
        Query count = entityManager.createNativeQuery("select count(*)" + where);
        params.forEach(count::setParameter);
        long total = ((Number) count.getSingleResult()).longValue();

        Query ids = entityManager.createNativeQuery("select p.mac" + where + " order by p.last_heard_at desc, p.mac limit :limit offset :offset");
        params.forEach(ids::setParameter);
        ids.setParameter("limit", size);
        ids.setParameter("offset", (long) page * size);
        @SuppressWarnings("unchecked")
        List<Object> macs = ids.getResultList();
        return new Page<>(views(macs.stream().map(m -> m.toString().strip()).toList()), page, size, total);
    }

    public Optional<PhoneView> find(String mac) {
        List<PhoneView> found = views(List.of(mac));
        return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
    }

    /** The phones with these MACs, in the given order, each with its most recent log rows. */
    public List<PhoneView> views(Collection<String> macs) {
        if (macs.isEmpty()) {
            return List.of();
        }
        Map<String, Phone> phones = new HashMap<>();
        Phone.<Phone>list("mac in ?1", macs).forEach(p -> phones.put(p.mac, p));
        @SuppressWarnings("unchecked")
        List<PhoneLogEntry> logs = entityManager.createNativeQuery(RECENT_LOGS, PhoneLogEntry.class)
                .setParameter("n", config.recentLogs())
                .setParameter("macs", macs)
                .getResultList();
        Map<String, List<LogView>> logsByMac = new LinkedHashMap<>();
        logs.forEach(l -> logsByMac.computeIfAbsent(l.mac.strip(), m -> new ArrayList<>()).add(LogView.of(l)));
        Instant cutoff = offlineCutoff();
        List<PhoneView> views = new ArrayList<>();
        for (String mac : macs) {
            Phone phone = phones.get(mac);
            if (phone != null) {
                PhoneState status = phone.lastHeardAt.isBefore(cutoff) ? PhoneState.OFFLINE : phone.state;
                views.add(PhoneView.of(phone, status, logsByMac.getOrDefault(mac, List.of())));
            }
        }
        return views;
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
        String escaped = text.toLowerCase(Locale.ROOT).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
        return "%" + escaped + "%";
    }

    /** What a MAC search means in the stored spelling: separators dropped, upper case. */
    private static String macFragment(String text) {
        return text.replaceAll("[:\\-.\\s]", "").toUpperCase(Locale.ROOT);
    }
}
