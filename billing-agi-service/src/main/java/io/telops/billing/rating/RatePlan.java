package io.telops.billing.rating;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.persistence.CascadeType;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A named plan of prefix rates in one currency; its rates are imported and exported as CSV ({@link RateCsv}). */
@Entity
@Table(name = "rate_plan")
public class RatePlan extends PanacheEntityBase {
    /** The plan the former global tariff became (V9); /api/tariffs edits its all-times rates. */
    public static final long LEGACY_ID = 1;

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    public String name;
    public String currency;
    @Column(name = "is_default")
    public boolean isDefault;
    @Column(name = "low_balance_minor")
    public Long lowBalanceMinor;
    @OneToMany(mappedBy = "plan", cascade = CascadeType.ALL, orphanRemoval = true, fetch = FetchType.EAGER)
    @OrderBy("name, startMinute")
    public List<PlanPeriod> periods = new ArrayList<>();

    public static Optional<RatePlan> byName(String name) {
        return find("name", name).firstResultOptional();
    }
}
