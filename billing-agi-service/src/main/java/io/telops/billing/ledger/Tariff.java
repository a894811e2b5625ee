package io.telops.billing.ledger;

import java.util.Optional;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** The price of calls to destinations starting with {@link #prefix}; the longest matching prefix wins. */
@Entity
@Table(name = "tariff")
public class Tariff extends PanacheEntityBase {
    @Id
    public String prefix;
    public String description;
    @Column(name = "rate_per_minute_minor")
    public long ratePerMinuteMinor;
    @Column(name = "initial_increment")
    public int initialIncrement;
    @Column(name = "subsequent_increment")
    public int subsequentIncrement;
    @Column(name = "connection_fee_minor")
    public long connectionFeeMinor;

    public TariffRate rate() {
        return new TariffRate(ratePerMinuteMinor, initialIncrement, subsequentIncrement, connectionFeeMinor);
    }

    /** Longest-prefix match; the empty prefix, if defined, is the catch-all. */
    public static Optional<Tariff> forDestination(String destination) {
        return find("?1 like concat(prefix, '%') order by length(prefix) desc", destination).firstResultOptional();
    }
}
