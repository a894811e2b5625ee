package io.telops.billing.rating;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** One weekly window of a plan's named period (see {@link PeriodWindow}). */
@Entity
@Table(name = "plan_period")
public class PlanPeriod extends PanacheEntityBase {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    @ManyToOne
    @JoinColumn(name = "plan_id")
    public RatePlan plan;
    public String name;
    public int days;
    @Column(name = "start_minute")
    public int startMinute;
    @Column(name = "end_minute")
    public int endMinute;

    public PeriodWindow window() {
        return new PeriodWindow(name, days, startMinute, endMinute);
    }
}
