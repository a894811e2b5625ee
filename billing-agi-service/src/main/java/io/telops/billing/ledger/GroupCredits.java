package io.telops.billing.ledger;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;

import io.quarkus.scheduler.Scheduled;

/**
 * The seed's scheduled credits: on the group's day of month (the day of its expiry date, or the month's last day
 * when shorter), every active member of a group with a remaining count gets the group's credit and the count goes
 * down by one. Each due day is credited at most once; a due day missed (the service was down at the cron time) is
 * credited at the next run, for every due day from the group's creation or last credit up to its expiry.
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
            LOG.infof("group credits: %d member credits", n);
        }
    }

    /** Credits every due day up to {@code today} not credited yet; returns how many member credits were posted. */
    @Transactional
    public int creditDue(LocalDate today) {
        List<BillingGroup> groups = BillingGroup.find("remainingCount > 0 and creditMinor > 0 "
                + "and (lastCreditedOn is null or (lastCreditedOn < ?1 and lastCreditedOn < expiresOn))", today).list();
        int credited = 0;
        Instant now = Instant.now();
        for (BillingGroup g : groups) {
            // another replica may run the same cron: lock the group and look again
            BillingGroup.getEntityManager().refresh(g, LockModeType.PESSIMISTIC_WRITE);
            for (LocalDate day : dueDays(g, today)) {
                if (g.remainingCount <= 0) {
                    break;
                }
                credited += credit(g, day, now);
                g.remainingCount--;
                g.lastCreditedOn = day;
            }
        }
        return credited;
    }

    /** The group's due days after its last credit (or from its creation), up to today and its expiry, in order. */
    static List<LocalDate> dueDays(BillingGroup g, LocalDate today) {
        LocalDate from = g.lastCreditedOn != null ? g.lastCreditedOn.plusDays(1)
                : g.createdOn != null ? g.createdOn : today;
        LocalDate until = today.isBefore(g.expiresOn) ? today : g.expiresOn;
        List<LocalDate> days = new ArrayList<>();
        for (YearMonth m = YearMonth.from(from); !m.isAfter(YearMonth.from(until)); m = m.plusMonths(1)) {
            LocalDate due = m.atDay(Math.min(g.expiresOn.getDayOfMonth(), m.lengthOfMonth()));
            if (!due.isBefore(from) && !due.isAfter(until)) {
                days.add(due);
            }
        }
        return days;
    }

    private int credit(BillingGroup g, LocalDate day, Instant now) {
        int credited = 0;
        for (Account member : g.members) {
            if (member.status != AccountStatus.ACTIVE) {
                continue;
            }
            Account locked = Account.lock(member.id);
            ledger.post(locked, EntryKind.TOPUP, g.creditMinor, null, "group " + g.name + " credit for " + day, "scheduler", now);
            ledger.balanceChanged(locked, g.creditMinor, "GROUP_CREDIT", now);
            credited++;
        }
        return credited;
    }
}
