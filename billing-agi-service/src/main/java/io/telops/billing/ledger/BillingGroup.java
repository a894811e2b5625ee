package io.telops.billing.ledger;

import java.time.LocalDate;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.JoinTable;
import jakarta.persistence.ManyToMany;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/**
 * A named set of accounts (the seed's group/schedule) valid until {@link #expiresOn}. While valid and
 * {@link #remainingCount} is above zero, each member is credited {@link #creditMinor} once a month on the
 * expiry date's day of month, and the count goes down by one; a due day missed is credited late, once. Members whose only groups have expired may
 * not call.
 */
@Entity
@Table(name = "billing_group")
public class BillingGroup extends PanacheEntityBase {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    public String name;
    @Column(name = "expires_on")
    public LocalDate expiresOn;
    @Column(name = "remaining_count")
    public int remainingCount;
    @Column(name = "credit_minor")
    public long creditMinor;
    @Column(name = "last_credited_on")
    public LocalDate lastCreditedOn;
    /** Set by the database on insert; the first day whose credit may be caught up. */
    @Column(name = "created_on", insertable = false, updatable = false)
    public LocalDate createdOn;
    /** The group's rate plan (null: none); applies to members of its currency without a plan of their own. */
    @Column(name = "plan_id")
    public Long planId;
    @ManyToMany
    @JoinTable(name = "group_member", joinColumns = @JoinColumn(name = "group_id"),
            inverseJoinColumns = @JoinColumn(name = "account_id"))
    public Set<Account> members = new HashSet<>();

    public boolean validOn(LocalDate day) {
        return !day.isAfter(expiresOn);
    }

    public static Optional<BillingGroup> byName(String name) {
        return find("name", name).firstResultOptional();
    }

    /** How many groups the account is in, and how many of them are still valid on {@code day}. */
    public static long[] membership(long accountId, LocalDate day) {
        Object[] row = getEntityManager().createQuery(
                "select count(g), coalesce(sum(case when g.expiresOn >= :day then 1 else 0 end), 0) "
                        + "from BillingGroup g join g.members m where m.id = :account", Object[].class)
                .setParameter("day", day).setParameter("account", accountId).getSingleResult();
        return new long[] {((Number) row[0]).longValue(), ((Number) row[1]).longValue()};
    }
}
