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
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** Money held for one authorised call (by Asterisk uniqueid), with the tariff it was priced on. */
@Entity
@Table(name = "reservation")
public class Reservation extends PanacheEntityBase {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    @Column(name = "call_unique_id")
    public String callUniqueId;
    @Column(name = "account_id")
    public long accountId;
    @Column(name = "amount_minor")
    public long amountMinor;
    @Column(name = "max_seconds")
    public int maxSeconds;
    public String destination;
    @Column(name = "tariff_prefix")
    public String tariffPrefix;
    @Column(name = "rate_per_minute_minor")
    public long ratePerMinuteMinor;
    @Column(name = "initial_increment")
    public int initialIncrement;
    @Column(name = "subsequent_increment")
    public int subsequentIncrement;
    @Column(name = "connection_fee_minor")
    public long connectionFeeMinor;
    @Enumerated(EnumType.STRING)
    public ReservationState state;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "expires_at")
    public Instant expiresAt;

    public TariffRate rate() {
        return new TariffRate(ratePerMinuteMinor, initialIncrement, subsequentIncrement, connectionFeeMinor);
    }

    public static Optional<Reservation> byCall(String uniqueId) {
        return find("callUniqueId", uniqueId).firstResultOptional();
    }
}
