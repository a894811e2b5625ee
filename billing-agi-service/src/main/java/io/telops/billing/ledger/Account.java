package io.telops.billing.ledger;

import java.time.Instant;
import java.util.Optional;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.LockModeType;
import jakarta.persistence.Table;

import org.hibernate.annotations.DynamicUpdate;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A prepaid subscriber (the seed's user): identified on calls by CLID, or by IMSI on OpenBTS. */
@Entity
@Table(name = "account")
@DynamicUpdate // only what changed: the call path moves balance columns by SQL, never overwritten with a stale copy
public class Account extends PanacheEntityBase {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    public String username;
    @Column(name = "password_hash")
    public String passwordHash;
    public String clid;
    public String imsi;
    public boolean admin;
    @Enumerated(EnumType.STRING)
    public AccountStatus status;
    /** Available balance in minor units: the sum of this account's ledger entries. */
    @Column(name = "balance_minor")
    public long balanceMinor;
    /** Bumped with every balance change, under the row lock: the ledgerSeq of the balance-changed event. */
    @Column(name = "ledger_seq")
    public long ledgerSeq;
    /** What open reservations hold: balance_minor + reservedMinor is the balance before holds. */
    @Column(name = "reserved_minor")
    public long reservedMinor;
    /** ISO 4217; every amount of the account, and the plans it may have, are in it. */
    public String currency;
    /** IANA time zone the periods of its plan are read in. */
    @Column(name = "time_zone")
    public String timeZone;
    /** Its own plan; null: its group's, else its currency's default. */
    @Column(name = "plan_id")
    public Long planId;
    @Column(name = "low_balance_minor")
    public Long lowBalanceMinor;
    @Column(name = "max_concurrent_calls")
    public Integer maxConcurrentCalls;
    @Column(name = "max_spend_hour_minor")
    public Long maxSpendHourMinor;
    @Column(name = "max_spend_day_minor")
    public Long maxSpendDayMinor;
    /** Comma-separated permission tags (destinations whose rate names one need it). */
    public String permissions;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "updated_at")
    public Instant updatedAt;

    public static Optional<Account> byUsername(String username) {
        return find("username = ?1 and status <> ?2", username, AccountStatus.DELETED).firstResultOptional();
    }

    public static Optional<Account> byClid(String clid) {
        return find("clid = ?1 and status <> ?2", clid, AccountStatus.DELETED).firstResultOptional();
    }

    public static Optional<Account> byImsi(String imsi) {
        return find("imsi = ?1 and status <> ?2", imsi, AccountStatus.DELETED).firstResultOptional();
    }

    /**
     * Finds and locks in one round trip (SELECT ... FOR UPDATE). Only for the first load of the account in a
     * transaction: the row is read after the lock is granted, so it is current.
     */
    public static Optional<Account> lockBy(String field, String value) {
        return find(field + " = ?1 and status <> ?2", value, AccountStatus.DELETED)
                .withLock(LockModeType.PESSIMISTIC_WRITE).firstResultOptional();
    }

    /** Like {@link #lock(long)} in one round trip, for an account not yet loaded in this transaction. */
    public static Account lockUnloaded(long id) {
        Account a = findById(id, LockModeType.PESSIMISTIC_WRITE);
        if (a == null) {
            throw new IllegalStateException("account " + id + " vanished");
        }
        return a;
    }

    /** SELECT ... FOR UPDATE: every balance change of one account is serialised on this row lock. */
    public static Account lock(long id) {
        Account a = findById(id);
        if (a == null) {
            throw new IllegalStateException("account " + id + " vanished");
        }
        // refresh, not find: an instance already in the session would keep its stale balance
        getEntityManager().refresh(a, LockModeType.PESSIMISTIC_WRITE);
        return a;
    }
}
