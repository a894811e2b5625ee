package io.telops.billing.ledger;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;

import io.quarkus.scheduler.Scheduled;

/**
 * The seed's scheduled credits: on the group's day of month (the day of its expiry date, or the month's
 * last day when shorter), every active member of a valid group with a remaining count gets the group's
 * credit, once, and the count goes down by one.
 */
@ApplicationScoped
public class GroupCredits {
    private static final Logger LOG = Logger.getLogger(GroupCredits.class);
    private final Ledger ledger;

    GroupCredits(Ledger ledger) {
        this.ledger = ledger;
    }

    @Scheduled(cron = "${telops.billing.group-credit-cron:0 5 0 * * ?}")
    void daily() {
        int n = creditDue(LocalDate.now(ZoneOffset.UTC));
        if (n > 0) {
            LOG.infof("group credits: %d members credited", n);
        }
    }

    /** Credits the groups due on {@code today}; returns how many members were credited. */
    @Transactional
    public int creditDue(LocalDate today) {
        List<BillingGroup> groups = BillingGroup.find("remainingCount > 0 and creditMinor > 0 and expiresOn >= ?1 "
                + "and (lastCreditedOn is null or lastCreditedOn < ?1)", today).list();
        int credited = 0;
        Instant now = Instant.now();
        for (BillingGroup g : groups) {
            // another replica may run the same cron: lock the group and look again
            BillingGroup.getEntityManager().refresh(g, jakarta.persistence.LockModeType.PESSIMISTIC_WRITE);
            if (g.remainingCount <= 0 || (g.lastCreditedOn != null && !g.lastCreditedOn.isBefore(today))) {
                continue;
            }
            int day = Math.min(g.expiresOn.getDayOfMonth(), today.lengthOfMonth());
            if (today.getDayOfMonth() != day) {
                continue;
            }
            for (Account member : g.members) {
                if (member.status != AccountStatus.ACTIVE) {
                    continue;
                }
                Account locked = Account.lock(member.id);
                ledger.post(locked, EntryKind.TOPUP, g.creditMinor, null, "group " + g.name + " credit", "scheduler", now);
                ledger.balanceChanged(locked, g.creditMinor, "GROUP_CREDIT", now);
                credited++;
            }
            g.remainingCount--;
            g.lastCreditedOn = today;
        }
        return credited;
    }
}
