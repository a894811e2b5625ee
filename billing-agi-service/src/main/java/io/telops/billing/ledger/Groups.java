package io.telops.billing.ledger;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/** Groups as the seed's API shapes them: name, expiry day/month/year, count, member user ids. */
@ApplicationScoped
public class Groups {
    public record GroupSpec(Optional<String> name, Optional<Integer> day, Optional<Integer> month, Optional<Integer> year,
                            Optional<Integer> count, Optional<Long> creditMinor, Optional<List<Long>> users) {
    }

    @Transactional
    public BillingGroup create(GroupSpec spec) {
        String name = spec.name().filter(n -> n.matches("[A-Za-z0-9._ -]{1,64}"))
                .orElseThrow(() -> LedgerRejection.invalid("name: 1-64 letters, digits, space . _ -"));
        if (BillingGroup.byName(name).isPresent()) {
            throw LedgerRejection.conflict("group '" + name + "' exists");
        }
        BillingGroup g = new BillingGroup();
        g.name = name;
        g.expiresOn = date(spec.day().orElseThrow(() -> LedgerRejection.invalid("day is required")),
                spec.month().orElseThrow(() -> LedgerRejection.invalid("month is required")),
                spec.year().orElseThrow(() -> LedgerRejection.invalid("year is required")));
        g.remainingCount = count(spec.count().orElse(0));
        g.creditMinor = credit(spec.creditMinor().orElse(0L));
        g.members = members(spec.users().orElse(List.of()));
        g.persist();
        return g;
    }

    @Transactional
    public BillingGroup change(String name, GroupSpec spec) {
        BillingGroup g = get(name);
        if (spec.name().isPresent() && !spec.name().get().equals(name)) {
            if (!spec.name().get().matches("[A-Za-z0-9._ -]{1,64}")) {
                throw LedgerRejection.invalid("name: 1-64 letters, digits, space . _ -");
            }
            if (BillingGroup.byName(spec.name().get()).isPresent()) {
                throw LedgerRejection.conflict("group '" + spec.name().get() + "' exists");
            }
            g.name = spec.name().get();
        }
        if (spec.day().isPresent() || spec.month().isPresent() || spec.year().isPresent()) {
            g.expiresOn = date(spec.day().orElse(g.expiresOn.getDayOfMonth()), spec.month().orElse(g.expiresOn.getMonthValue()),
                    spec.year().orElse(g.expiresOn.getYear()));
        }
        spec.count().ifPresent(c -> g.remainingCount = count(c));
        spec.creditMinor().ifPresent(c -> g.creditMinor = credit(c));
        spec.users().ifPresent(u -> {
            g.members.clear();
            g.members.addAll(members(u));
        });
        return g;
    }

    @Transactional
    public BillingGroup get(String name) {
        BillingGroup g = BillingGroup.byName(name).orElseThrow(() -> LedgerRejection.notFound("no group '" + name + "'"));
        g.members.size();
        return g;
    }

    @Transactional
    public List<BillingGroup> list() {
        List<BillingGroup> all = BillingGroup.listAll(io.quarkus.panache.common.Sort.by("name"));
        all.forEach(g -> g.members.size());
        return all;
    }

    @Transactional
    public void delete(String name) {
        get(name).delete();
    }

    private static LocalDate date(int day, int month, int year) {
        try {
            return LocalDate.of(year, month, day);
        } catch (DateTimeException e) {
            throw LedgerRejection.invalid("day/month/year is not a date: " + e.getMessage());
        }
    }

    private static int count(int c) {
        if (c < 0) {
            throw LedgerRejection.invalid("count must not be negative");
        }
        return c;
    }

    private static long credit(long c) {
        if (c < 0) {
            throw LedgerRejection.invalid("creditMinor must not be negative");
        }
        return c;
    }

    private static Set<Account> members(List<Long> ids) {
        Set<Account> members = new HashSet<>();
        for (Long id : ids) {
            Account a = Account.findById(id);
            if (a == null || a.status == AccountStatus.DELETED) {
                throw LedgerRejection.invalid("users: no account with id " + id);
            }
            members.add(a);
        }
        return members;
    }
}
