package io.telops.provisioning.resync;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.NotFoundException;

import io.quarkus.narayana.jta.runtime.TransactionConfiguration;
import io.telops.contracts.MacAddress;
import io.telops.contracts.provisioning.DeviceResyncRequested;
import io.telops.provisioning.config.ProvisioningConfig;
import io.telops.provisioning.events.Outbox;
import io.telops.provisioning.firmware.ModelRef;
import io.telops.provisioning.resync.ResyncSelection.Selector;
import io.telops.provisioning.settings.Site;

/**
 * Marks devices for re-sync and publishes one {@code device-resync-requested} per device, in the same transaction
 * (through the outbox), so a mark and its event exist together or not at all. The fetch recorder clears the mark at
 * the device's next successful config fetch.
 */
@ApplicationScoped
public class ResyncService {
    /** Devices read and marked per round trip, so "all" of a large fleet is never one huge result set. */
    private static final int PAGE = 2_000;

    private final EntityManager em;
    private final Outbox outbox;
    private final ProvisioningConfig.Resync config;

    ResyncService(EntityManager em, Outbox outbox, ProvisioningConfig config) {
        this.em = em;
        this.outbox = outbox;
        this.config = config.resync();
    }

    /** {@code requested}: marked and published now; {@code alreadyPending}: marked by a request younger than repeat-after. */
    public record Outcome(int requested, int alreadyPending, List<String> unknownMacs) {
    }

    /** One device still waiting for its fetch. */
    public record Pending(String mac, String brand, Instant requestedAt, String requestedBy) {
    }

    private record Candidate(String mac, String brand, Optional<String> sipUsername, Optional<Instant> markedAt) {
    }

    @Transactional
    @TransactionConfiguration(timeout = 600)
    public Outcome request(ResyncSelection selection, String requestedBy) {
        Selector selector = selection.selector();
        List<String> unknown = new ArrayList<>();
        Filter filter = filter(selector, unknown);
        Instant now = Instant.now();
        Instant renewBefore = now.minus(config.repeatAfter());
        int requested = 0;
        int pending = 0;
        String after = "";
        while (true) {
            List<Candidate> page = page(filter, after);
            if (page.isEmpty()) {
                break;
            }
            List<String> marked = new ArrayList<>();
            for (Candidate c : page) {
                if (c.markedAt().filter(at -> at.isAfter(renewBefore)).isPresent()) {
                    pending++;
                    continue;
                }
                outbox.add(new DeviceResyncRequested(c.mac(), c.brand(), c.sipUsername(), requestedBy, now));
                marked.add(c.mac());
            }
            if (!marked.isEmpty()) {
                em.createNativeQuery("UPDATE device SET resync_requested_at = ?1, resync_requested_by = ?2 WHERE mac IN (?3)")
                        .setParameter(1, Timestamp.from(now)).setParameter(2, requestedBy).setParameter(3, marked).executeUpdate();
            }
            requested += marked.size();
            after = page.get(page.size() - 1).mac();
        }
        return new Outcome(requested, pending, unknown);
    }

    @Transactional
    @SuppressWarnings("unchecked")
    public List<Pending> pending() {
        List<Object[]> rows = em.createNativeQuery("SELECT mac, brand, resync_requested_at, resync_requested_by FROM device "
                + "WHERE resync_requested_at IS NOT NULL ORDER BY resync_requested_at, mac").setMaxResults(10_000).getResultList();
        return rows.stream().map(r -> new Pending((String) r[0], (String) r[1], instant(r[2]), (String) r[3])).toList();
    }

    /** A WHERE clause over {@code device} and its one parameter (or none). */
    private record Filter(String where, List<Object> params) {
    }

    private Filter filter(Selector selector, List<String> unknown) {
        if (selector instanceof Selector.Macs m) {
            List<String> macs = new ArrayList<>();
            for (String raw : m.macs()) {
                try {
                    macs.add(MacAddress.normalise(raw));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("not a MAC address: " + raw);
                }
            }
            List<?> found = em.createNativeQuery("SELECT mac FROM device WHERE mac IN (?1)").setParameter(1, macs).getResultList();
            macs.stream().filter(mac -> !found.contains(mac)).distinct().forEach(unknown::add);
            return new Filter("mac IN (?1)", List.of(macs));
        }
        if (selector instanceof Selector.Site s) {
            if (Site.findById(s.id()) == null) {
                throw new NotFoundException("no site " + s.id());
            }
            return new Filter("site_id = ?1", List.of(s.id()));
        }
        if (selector instanceof Selector.Model m) {
            ModelRef ref = ModelRef.parse(m.brand(), m.family(), m.model());
            return new Filter("brand = ?1 AND family = ?2 AND model = ?3", List.of(ref.brand(), ref.family(), ref.model()));
        }
        return new Filter("true", List.of());
    }

    @SuppressWarnings("unchecked")
    private List<Candidate> page(Filter filter, String after) {
        int next = filter.params().size() + 1;
        var q = em.createNativeQuery("SELECT mac, brand, (lines::jsonb -> 0 ->> 'sipUser'), resync_requested_at FROM device "
                + "WHERE " + filter.where() + " AND mac > ?" + next + " ORDER BY mac LIMIT " + PAGE);
        for (int i = 0; i < filter.params().size(); i++) {
            q.setParameter(i + 1, filter.params().get(i));
        }
        q.setParameter(next, after);
        List<Object[]> rows = q.getResultList();
        return rows.stream().map(r -> new Candidate((String) r[0], (String) r[1], Optional.ofNullable((String) r[2]),
                Optional.ofNullable(r[3]).map(ResyncService::instant))).toList();
    }

    private static Instant instant(Object o) {
        return o instanceof Timestamp t ? t.toInstant() : o instanceof java.time.OffsetDateTime odt ? odt.toInstant() : (Instant) o;
    }
}
