package io.downtime.sla.report;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * Response of {@code GET /api/v1/slas/{service}/report}: how the service did against its SLA in {@code [from, to)}.
 * Durations are in seconds with millisecond precision (at most 3 decimals); percents are percents (0–100), not
 * ratios. See {@link SlaCalculator} for every rule.
 *
 * @param service service name
 * @param from inclusive start of the period (UTC, millisecond precision)
 * @param to exclusive end of the period
 * @param objectivePercent SLO in percent
 * @param periodSeconds {@code to − from}
 * @param availabilityPercent {@code 100 × (1 − downtime / period)}, rounded half-even to 6 decimals
 * @param downtimeSeconds time within the period covered by at least one outage (overlaps counted once)
 * @param errorBudget allowed, spent and remaining downtime
 * @param revenueLoss money lost to downtime, or {@code null} when the SLA has no revenue model
 * @param creditPercent credit owed in percent of the bill (0 when no tier applies)
 * @param outages each outage clipped to the period, ordered by start; overlapping outages are listed separately,
 *        so their seconds may add up to more than {@code downtimeSeconds}
 */
public record SlaReport(String service, Instant from, Instant to, BigDecimal objectivePercent,
        BigDecimal periodSeconds, BigDecimal availabilityPercent, BigDecimal downtimeSeconds, ErrorBudget errorBudget,
        Money revenueLoss, BigDecimal creditPercent, List<ReportOutage> outages) {

    /**
     * Error budget, SRE Workbook ch. 2 and 5: the downtime the SLO allows in the period.
     *
     * @param totalSeconds {@code (1 − objective/100) × period}
     * @param spentSeconds the downtime
     * @param remainingSeconds {@code total − spent}; negative once the budget is overspent
     */
    public record ErrorBudget(BigDecimal totalSeconds, BigDecimal spentSeconds, BigDecimal remainingSeconds) {
    }

    /**
     * An amount of money.
     *
     * @param amount plain decimal string with {@code max(2, decimals of the hourly amount)} decimals, e.g.
     *        {@code "1800.00"} (USD) or {@code "0.0002"} (ETH at {@code "0.0004"} per hour)
     * @param currency ISO-4217 or token code
     */
    public record Money(String amount, String currency) {
    }

    /**
     * One outage as it counts in the period.
     *
     * @param start clipped start ({@code max(start, from)})
     * @param end clipped end ({@code min(end, to)}; for an open outage {@code min(to, now)})
     * @param seconds {@code end − start}
     * @param reason incident-service's reason
     * @param open whether the outage had not ended yet when the report was computed
     */
    public record ReportOutage(Instant start, Instant end, BigDecimal seconds, String reason, boolean open) {
    }

    /** @return availability as a ratio in [0, 1] (for the Prometheus gauge), not serialised */
    @JsonIgnore
    public double availabilityRatio() {
        return availabilityPercent.divide(BigDecimal.valueOf(100), 8, RoundingMode.HALF_EVEN).doubleValue();
    }
}
