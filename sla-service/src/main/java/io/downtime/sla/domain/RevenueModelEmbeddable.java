package io.downtime.sla.domain;

import java.math.BigDecimal;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;

/**
 * One row of {@code sla_revenue_model}: a revenue model of an SLA. Only the columns of its {@link #model} are set
 * (a check constraint enforces it).
 */
@Embeddable
public class RevenueModelEmbeddable {

    /** {@code flat}, {@code volume} or {@code transactions}. */
    @Column(name = "model", length = 16, nullable = false)
    public String model;

    /** ISO-4217 or token code. */
    @Column(name = "currency", length = 10, nullable = false)
    public String currency;

    /** {@code flat}: money per hour of downtime. */
    @Column(name = "amount_per_hour")
    public BigDecimal amountPerHour;

    /** {@code volume}: comma-separated decimal strings, 24 or 168 values. */
    @Column(name = "hourly_volume")
    public String hourlyVolume;

    /** {@code volume}: fee ratio in [0, 1]. */
    @Column(name = "fee_rate")
    public BigDecimal feeRate;

    /** {@code transactions}: transactions per minute. */
    @Column(name = "transactions_per_minute")
    public BigDecimal transactionsPerMinute;

    /** {@code transactions}: money per transaction. */
    @Column(name = "revenue_per_transaction")
    public BigDecimal revenuePerTransaction;
}
