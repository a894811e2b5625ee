package io.telops.billing.ledger;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** The billing record of one settled call; unique per Asterisk uniqueid. */
@Entity
@Table(name = "cdr")
public class Cdr extends PanacheEntityBase {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    @Column(name = "call_unique_id")
    public String callUniqueId;
    @Column(name = "account_id")
    public long accountId;
    @Column(name = "caller_id")
    public String callerId;
    public String destination;
    public String channel;
    @Column(name = "tariff_prefix")
    public String tariffPrefix;
    public int billsec;
    @Column(name = "billed_seconds")
    public int billedSeconds;
    @Column(name = "amount_minor")
    public long amountMinor;
    @Column(name = "settled_at")
    public Instant settledAt;
    // V8, for reconciliation: null on older rows and when the PBX did not pass the value
    public Integer duration;
    @Column(name = "dial_status")
    public String dialStatus;
    @Column(name = "hangup_cause")
    public Integer hangupCause;
    @Column(name = "dialled_peer")
    public String dialledPeer;
    @Column(name = "caller_imsi")
    public String callerImsi;
    @Column(name = "callee_imsi")
    public String calleeImsi;
    @Column(name = "rate_per_minute_minor")
    public Long ratePerMinuteMinor;
    @Column(name = "initial_increment")
    public Integer initialIncrement;
    @Column(name = "subsequent_increment")
    public Integer subsequentIncrement;
    @Column(name = "connection_fee_minor")
    public Long connectionFeeMinor;
}
