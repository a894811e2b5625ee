package io.telops.billing.ledger;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** One signed, append-only movement of an account's balance (never updated, never deleted). */
@Entity
@Table(name = "ledger_entry")
public class LedgerEntry extends PanacheEntityBase {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    @Column(name = "account_id")
    public long accountId;
    @Enumerated(EnumType.STRING)
    public EntryKind kind;
    @Column(name = "amount_minor")
    public long amountMinor;
    @Column(name = "balance_after")
    public long balanceAfter;
    @Column(name = "call_unique_id")
    public String callUniqueId;
    public String note;
    public String actor;
    @Column(name = "created_at")
    public Instant createdAt;
}
