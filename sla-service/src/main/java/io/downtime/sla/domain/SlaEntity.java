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
import jakarta.persistence.OrderColumn;
import jakarta.persistence.Table;

import org.hibernate.annotations.Fetch;
import org.hibernate.annotations.FetchMode;

/**
 * An SLA as stored in table {@code sla} (one row per service, the service name is the key) with its credit tiers in
 * {@code sla_credit_tier} and its revenue models in {@code sla_revenue_model}. Percents and amounts are stored as
 * given (unconstrained {@code numeric}, so {@code 99.95} and {@code 3600.00} stay exact). Not exposed over REST: see
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

    /** Rolling window in days, [1, 366]; for a calendar window its nominal length (30 or 7). */
    @Column(name = "window_days", nullable = false)
    public int windowDays;

    /** {@code calendar-month}, {@code calendar-week}, or {@code null} for a rolling window. */
    @Column(name = "calendar_window", length = 16)
    public String calendarWindow;

    /** IANA time zone id. */
    @Column(name = "time_zone", length = 64, nullable = false)
    public String timeZone = "UTC";

    /** Weight of DEGRADED seconds, [0, 1]. */
    @Column(name = "degraded_weight", nullable = false)
    public BigDecimal degradedWeight = BigDecimal.ZERO;

    /** Excluded causes, comma-separated in the order given; empty for none. */
    @Column(name = "exclude_causes", length = 256, nullable = false)
    public String excludeCauses = "";

    /** Outages shorter than this many seconds do not count. */
    @Column(name = "min_outage_seconds", nullable = false)
    public long minOutageSeconds;

    /** {@code null} without revenue models, {@code object} or {@code list}: the form they were given in. */
    @Column(name = "revenue_form", length = 8)
    public String revenueForm;

    /** Monthly fee, or {@code null}. */
    @Column(name = "monthly_fee_amount")
    public BigDecimal monthlyFeeAmount;

    /** Currency of the monthly fee, or {@code null}. */
    @Column(name = "monthly_fee_currency", length = 10)
    public String monthlyFeeCurrency;

    /** PromQL of bad events, or {@code null} for the default. */
    @Column(name = "sli_error_query")
    public String sliErrorQuery;

    /** PromQL of all events, or {@code null} for the default. */
    @Column(name = "sli_total_query")
    public String sliTotalQuery;

    /** Last creation or replacement. */
    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    /** Credit tiers, {@code belowPercent} descending. */
    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "sla_credit_tier", joinColumns = @JoinColumn(name = "service"))
    @OrderBy("belowPercent desc")
    @Fetch(FetchMode.SELECT)
    public List<CreditTierEmbeddable> creditTiers = new ArrayList<>();

    /** Revenue models, in the order given. */
    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "sla_revenue_model", joinColumns = @JoinColumn(name = "service"))
    @OrderColumn(name = "position")
    @Fetch(FetchMode.SELECT)
    public List<RevenueModelEmbeddable> revenueModels = new ArrayList<>();
}
