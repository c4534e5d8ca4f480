package io.downtime.sla.report;

import java.math.BigDecimal;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import io.downtime.sla.model.CreditTier;
import io.downtime.sla.model.MonthlyFee;
import io.downtime.sla.model.Revenue;
import io.downtime.sla.model.SlaWindow;

/**
 * What the report is measured against: the validated parts of an SLA.
 *
 * @param objectivePercent SLO in percent, in (0, 100)
 * @param window the SLA window (its length scales the burn-rate alert factors)
 * @param zone time zone of calendar windows and of the hours of volume profiles; default {@code UTC}
 * @param degradedWeight weight of a {@code DEGRADED} second, in [0, 1]
 * @param excludeCauses causes whose outages do not count ({@code MAINTENANCE} also matches outages flagged as
 *        inside a maintenance window)
 * @param minOutageMillis outages shorter than this do not count
 * @param revenue revenue models (summed; may be empty), validated
 * @param monthlyFee the bill credits apply to, or {@code null}
 * @param creditTiers credit tiers (any order), never {@code null}
 */
public record SlaTerms(BigDecimal objectivePercent, SlaWindow window, ZoneId zone, BigDecimal degradedWeight,
        Set<String> excludeCauses, long minOutageMillis, List<Revenue> revenue, MonthlyFee monthlyFee,
        List<CreditTier> creditTiers) {

    public SlaTerms {
        Objects.requireNonNull(objectivePercent, "objectivePercent");
        window = window == null ? SlaWindow.rolling(30) : window;
        zone = zone == null ? ZoneId.of("UTC") : zone;
        degradedWeight = degradedWeight == null ? BigDecimal.ZERO : degradedWeight;
        excludeCauses = excludeCauses == null ? Set.of() : Set.copyOf(excludeCauses);
        revenue = revenue == null ? List.of() : List.copyOf(revenue);
        creditTiers = creditTiers == null ? List.of() : List.copyOf(creditTiers);
        if (minOutageMillis < 0) {
            throw new IllegalArgumentException("minOutageMillis < 0");
        }
    }

    /**
     * The foundation's terms: a rolling 30-day window in UTC, only {@code DOWN} counting, no exclusions, at most one
     * revenue model, no monthly fee.
     */
    public SlaTerms(BigDecimal objectivePercent, Revenue revenue, List<CreditTier> creditTiers) {
        this(objectivePercent, null, null, null, null, 0, revenue == null ? null : List.of(revenue), null,
                creditTiers);
    }
}
