package io.downtime.sla.domain;

import java.math.BigDecimal;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;

/** One row of {@code sla_credit_tier}: below {@code belowPercent} availability, {@code creditPercent} is owed. */
@Embeddable
public class CreditTierEmbeddable {

    /** Availability threshold in percent, in (0, 100]. */
    @Column(name = "below_percent", nullable = false)
    public BigDecimal belowPercent;

    /** Credit in percent of the bill, in [0, 100]. */
    @Column(name = "credit_percent", nullable = false)
    public BigDecimal creditPercent;

    public CreditTierEmbeddable() {
    }

    public CreditTierEmbeddable(BigDecimal belowPercent, BigDecimal creditPercent) {
        this.belowPercent = belowPercent;
        this.creditPercent = creditPercent;
    }
}
