package io.telops.billing.rating;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import io.telops.billing.ledger.Account;
import io.telops.billing.ledger.Accounts;
import io.telops.billing.ledger.BillingGroup;
import io.telops.billing.ledger.Groups;
import io.telops.billing.ledger.LedgerRejection;

/**
 * Rate plans: create, change, delete; which plan an account or a group has, and an account's currency and time zone.
 * A plan can only be given to an account of its currency; a group's plan applies to its members of that currency.
 */
@ApplicationScoped
public class RatePlans {
    private final Accounts accounts;
    private final Groups groups;
    private final EntityManager em;

    RatePlans(Accounts accounts, Groups groups, EntityManager em) {
        this.accounts = accounts;
        this.groups = groups;
        this.em = em;
    }

    /** A plan's fields; periods replace the plan's whole set. */
    public record PlanSpec(String name, String currency, boolean isDefault, Optional<Long> lowBalanceMinor,
                           List<PeriodWindow> periods) {
    }

    /** What decides an account's prices: its plan (absent: its group's or the default), currency, zone, threshold. */
    public record AccountTerms(Optional<String> plan, Optional<String> currency, Optional<String> timeZone,
                               Optional<Long> lowBalanceMinor) {
    }

    @Transactional
    public RatePlan create(PlanSpec spec) {
        validate(spec);
        if (RatePlan.byName(spec.name()).isPresent()) {
            throw LedgerRejection.conflict("plan '" + spec.name() + "' exists");
        }
        RatePlan p = new RatePlan();
        p.name = spec.name();
        apply(p, spec);
        p.persist();
        return p;
    }

    @Transactional
    public RatePlan change(String name, PlanSpec spec) {
        RatePlan p = get(name);
        validate(spec);
        if (!spec.name().equals(p.name)) {
            throw LedgerRejection.invalid("a plan keeps its name");
        }
        if (!spec.currency().equals(p.currency) && inUse(p)) {
            throw LedgerRejection.conflict("plan '" + name + "' is in use: its currency cannot change");
        }
        Set<String> kept = spec.periods().stream().map(PeriodWindow::period).collect(Collectors.toSet());
        List<String> used = em.createNativeQuery("select distinct period from plan_rate where plan_id = ?1 and period <> ''", String.class)
                .setParameter(1, p.id).getResultList();
        List<String> lost = used.stream().filter(u -> !kept.contains(u)).sorted().toList();
        if (!lost.isEmpty()) {
            throw LedgerRejection.conflict("rates of plan '" + name + "' use the period(s) " + lost);
        }
        apply(p, spec);
        return p;
    }

    @Transactional
    public RatePlan get(String name) {
        return RatePlan.byName(name).orElseThrow(() -> LedgerRejection.notFound("no plan '" + name + "'"));
    }

    @Transactional
    public List<RatePlan> list() {
        return RatePlan.listAll(io.quarkus.panache.common.Sort.by("name"));
    }

    @Transactional
    public void delete(String name) {
        RatePlan p = get(name);
        if (p.id == RatePlan.LEGACY_ID) {
            throw LedgerRejection.conflict("plan '" + name + "' holds /api/tariffs and stays");
        }
        if (inUse(p)) {
            throw LedgerRejection.conflict("plan '" + name + "' is assigned to accounts or groups");
        }
        p.delete();
    }

    /** Sets an account's plan, currency, time zone and threshold (absent: none, unchanged currency, UTC, none). */
    @Transactional
    public Account assign(String username, AccountTerms terms) {
        Account a = Account.lock(accounts.get(username).id);
        String currency = terms.currency().orElse(a.currency);
        if (!currency.matches("[A-Z]{3}")) {
            throw LedgerRejection.invalid("currency: an ISO 4217 code such as USD");
        }
        if (!currency.equals(a.currency) && (a.balanceMinor != 0 || a.reservedMinor != 0)) {
            // no conversion anywhere: minor units of one currency never become another's
            throw LedgerRejection.conflict("account " + username + " holds " + (a.balanceMinor + a.reservedMinor) + " "
                    + a.currency + " minor units: its currency cannot change");
        }
        Optional<RatePlan> plan = terms.plan().map(this::get);
        if (plan.isPresent() && !plan.get().currency.equals(currency)) {
            throw LedgerRejection.conflict("plan '" + plan.get().name + "' is in " + plan.get().currency + ", account "
                    + username + " in " + currency);
        }
        String zone = terms.timeZone().orElse("UTC");
        try {
            ZoneId.of(zone);
        } catch (DateTimeException e) {
            throw LedgerRejection.invalid("timeZone: an IANA zone such as Europe/Berlin, or an offset such as +03:00");
        }
        if (zone.length() > 64) {
            throw LedgerRejection.invalid("timeZone: at most 64 characters");
        }
        terms.lowBalanceMinor().filter(t -> t < 0).ifPresent(t -> {
            throw LedgerRejection.invalid("lowBalanceMinor: not negative");
        });
        a.currency = currency;
        a.planId = plan.map(p -> p.id).orElse(null);
        a.timeZone = zone;
        a.lowBalanceMinor = terms.lowBalanceMinor().orElse(null);
        return a;
    }

    /** Sets a group's plan (absent: none); it applies to the members of the plan's currency without a plan of their own. */
    @Transactional
    public BillingGroup assignToGroup(String groupName, Optional<String> plan) {
        BillingGroup g = groups.get(groupName);
        g.planId = plan.map(this::get).map(p -> p.id).orElse(null);
        return g;
    }

    /** The plan's name of an id, for views. */
    @Transactional
    public Optional<String> nameOf(Long id) {
        return Optional.ofNullable(id).map(i -> RatePlan.<RatePlan>findById(i)).map(p -> p.name);
    }

    private boolean inUse(RatePlan p) {
        return Account.count("planId", p.id) > 0 || BillingGroup.count("planId", p.id) > 0;
    }

    private void apply(RatePlan p, PlanSpec spec) {
        if (spec.isDefault() && !(p.isDefault && spec.currency().equals(p.currency))) {
            // one default per currency: the new one takes over
            RatePlan.<RatePlan>list("isDefault = true and currency = ?1", spec.currency()).forEach(other -> other.isDefault = false);
            em.flush();
        }
        p.currency = spec.currency();
        p.isDefault = spec.isDefault();
        p.lowBalanceMinor = spec.lowBalanceMinor().orElse(null);
        p.periods.clear();
        em.flush(); // the old windows go before the new ones arrive
        for (PeriodWindow w : spec.periods()) {
            PlanPeriod period = new PlanPeriod();
            period.plan = p;
            period.name = w.period();
            period.days = w.days();
            period.startMinute = w.startMinute();
            period.endMinute = w.endMinute();
            p.periods.add(period);
        }
    }

    private static void validate(PlanSpec spec) {
        if (spec.name() == null || !spec.name().matches("[A-Za-z0-9._-]{1,64}")) {
            throw LedgerRejection.invalid("name: 1-64 of A-Z a-z 0-9 . _ -");
        }
        if (spec.currency() == null || !spec.currency().matches("[A-Z]{3}")) {
            throw LedgerRejection.invalid("currency: an ISO 4217 code such as USD");
        }
        spec.lowBalanceMinor().filter(t -> t < 0).ifPresent(t -> {
            throw LedgerRejection.invalid("lowBalanceMinor: not negative");
        });
        List<PeriodWindow> ws = spec.periods();
        if (ws.size() > 100) {
            throw LedgerRejection.invalid("periods: at most 100 windows");
        }
        for (int i = 0; i < ws.size(); i++) {
            for (int j = i + 1; j < ws.size(); j++) {
                if (ws.get(i).overlaps(ws.get(j)) && !ws.get(i).period().equals(ws.get(j).period())) {
                    throw LedgerRejection.invalid("periods '" + ws.get(i).period() + "' and '" + ws.get(j).period()
                            + "' overlap: at any time at most one period is in force");
                }
            }
        }
    }
}
