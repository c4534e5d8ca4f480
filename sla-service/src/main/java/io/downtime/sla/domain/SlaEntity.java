package io.downtime.sla.domain;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;

/**
 * An SLA as stored in table {@code sla} (one row per service, the service name is the key) with its credit tiers
 * in {@code sla_credit_tier}. Percents are stored as given (unconstrained {@code numeric}, so {@code 99.95} stays
 * exact); the revenue columns are all set or all {@code null}. Not exposed over REST: see
 * {@link io.downtime.sla.model.SlaResponse}.
 */
@Entity
@Table(name = "sla")
public class SlaEntity {

    /** Service name, as incident-service knows it (at most 128 characters). */
    @Id
    @Column(name = "service", length = 128)
    public String service;

    /** The SLO in percent, in (0, 100). */
    @Column(name = "objective_percent", nullable = false)
    public BigDecimal objectivePercent;

    /** Rolling window in days, [1, 366]. */
    @Column(name = "window_days", nullable = false)
    public int windowDays;

    /** Revenue model ({@code flat}) or {@code null}. */
    @Column(name = "revenue_model", length = 16)
    public String revenueModel;

    /** Revenue lost per hour of downtime, in {@link #revenueCurrency}; {@code null} without a revenue model. */
    @Column(name = "revenue_amount_per_hour")
    public BigDecimal revenueAmountPerHour;

    /** ISO-4217 or token code; {@code null} without a revenue model. */
    @Column(name = "revenue_currency", length = 10)
    public String revenueCurrency;

    /** Last creation or replacement. */
    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    /** Credit tiers, {@code belowPercent} descending. */
    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "sla_credit_tier", joinColumns = @JoinColumn(name = "service"))
    @OrderBy("belowPercent desc")
    public List<CreditTierEmbeddable> creditTiers = new ArrayList<>();
}
