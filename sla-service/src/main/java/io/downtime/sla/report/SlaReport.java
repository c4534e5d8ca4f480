package io.downtime.sla.report;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Response of {@code GET /api/v1/slas/{service}/report}: how the service did against its SLA in {@code [from, to)}.
 * Durations are in seconds with millisecond precision (at most 3 decimals); {@code …Percent} fields are percents
 * (0–100), {@code …Ratio} fields ratios (0–1); money is a decimal string with a currency or token code. See
 * {@link SlaCalculator} for every rule.
 *
 * @param service service name
 * @param from inclusive start of the period (UTC, millisecond precision)
 * @param to exclusive end of the period (may lie in the future: a calendar window in progress)
 * @param objectivePercent SLO in percent
 * @param window the SLA window ({@code P30D}, {@code calendar-month}, …)
 * @param timeZone the SLA's time zone
 * @param periodSeconds {@code to − from}
 * @param elapsedSeconds the part of the period already past: {@code min(to, now) − from}, at least 0
 * @param availabilityPercent {@code 100 × (1 − weightedDowntime / elapsed)} (100 when nothing elapsed), half-even to 6
 *        decimals, at least 0
 * @param downtimeSeconds counted {@code DOWN} time in the period (overlaps counted once, exclusions removed)
 * @param degradedSeconds counted {@code DEGRADED} time in the period that is not also {@code DOWN}
 * @param degradedWeight how much a degraded second counts, in [0, 1]
 * @param weightedDowntimeSeconds {@code downtime + degradedWeight × degraded}, half-even to milliseconds: what the
 *        SLA counts (error budget spent)
 * @param excludedSeconds time of excluded outages that is not counted otherwise
 * @param exclusions excluded time per reason (an excluded cause such as {@code MAINTENANCE}, or
 *        {@code MIN_OUTAGE_SECONDS}); reasons of overlapping outages may add up to more than {@code excludedSeconds}
 * @param errorBudget allowed, spent and remaining downtime, in seconds and percent
 * @param revenueLoss the total loss when all revenue models share one currency (the foundation's field), else
 *        {@code null}; {@code null} without revenue models
 * @param revenueLossByModel loss of each revenue model, in the SLA's order
 * @param revenueLossTotal total loss per currency, in order of first appearance
 * @param creditPercent credit owed in percent of the bill (0 when no tier applies)
 * @param creditAmount {@code monthlyFee × creditPercent / 100}, or {@code null} without a monthly fee
 * @param burnRates burn rates over the SRE Workbook windows and the alert state
 * @param outagesCounted how many outages count in the period (the size of {@code outages})
 * @param outagesExcluded how many outages in the period were excluded (the size of {@code excludedOutages})
 * @param outages the outages that count, clipped to the period, ordered by start; overlapping outages are listed
 *        separately, so their seconds may add up to more than the downtime
 * @param excludedOutages the excluded outages, clipped to the period, ordered by start, each with
 *        {@code excludedBecause}
 */
public record SlaReport(String service, Instant from, Instant to, BigDecimal objectivePercent, String window,
        String timeZone, BigDecimal periodSeconds, BigDecimal elapsedSeconds, BigDecimal availabilityPercent,
        BigDecimal downtimeSeconds, BigDecimal degradedSeconds, BigDecimal degradedWeight,
        BigDecimal weightedDowntimeSeconds, BigDecimal excludedSeconds, List<Exclusion> exclusions,
        ErrorBudget errorBudget, Money revenueLoss, List<ModelLoss> revenueLossByModel, List<Money> revenueLossTotal,
        BigDecimal creditPercent, Money creditAmount, BurnRates burnRates, int outagesCounted, int outagesExcluded,
        List<ReportOutage> outages, List<ReportOutage> excludedOutages) {

    /**
     * Error budget, SRE Workbook ch. 2 and 5: the downtime the SLO allows in the period.
     *
     * @param totalSeconds {@code (1 − objective/100) × period}, half-even to milliseconds
     * @param spentSeconds the weighted downtime
     * @param remainingSeconds {@code total − spent}; negative once the budget is overspent
     * @param spentPercent {@code 100 × spent / total} (exact total), half-even to 6 decimals; above 100 when overspent
     * @param remainingPercent {@code 100 − spentPercent}; negative when overspent
     */
    public record ErrorBudget(BigDecimal totalSeconds, BigDecimal spentSeconds, BigDecimal remainingSeconds,
            BigDecimal spentPercent, BigDecimal remainingPercent) {

        /** @return remaining budget as a ratio of the total (for the Prometheus gauge), not serialised */
        @JsonIgnore
        public double remainingRatio() {
            return remainingPercent.movePointLeft(2).doubleValue();
        }
    }

    /**
     * An amount of money.
     *
     * @param amount plain decimal string, e.g. {@code "1800.00"} (USD) or {@code "0.0002"} (ETH)
     * @param currency ISO-4217 or token code
     */
    public record Money(String amount, String currency) {
    }

    /**
     * The loss of one revenue model.
     *
     * @param model {@code flat}, {@code volume} or {@code transactions}
     * @param amount plain decimal string with {@code max(2, decimals of the model's price)} decimals
     * @param currency ISO-4217 or token code
     */
    public record ModelLoss(String model, String amount, String currency) {
    }

    /**
     * Excluded time of one reason.
     *
     * @param reason the excluded cause ({@code MAINTENANCE}, {@code CONSENSUS_DISRUPTION}, …) or
     *        {@code MIN_OUTAGE_SECONDS}
     * @param seconds time in the period of outages excluded for this reason and not counted otherwise
     * @param outages how many outages in the period were excluded for this reason
     */
    public record Exclusion(String reason, BigDecimal seconds, int outages) {
    }

    /**
     * Burn rates and the multi-window alert state at {@code evaluatedAt} (see {@link BurnRatePolicy}).
     *
     * @param evaluatedAt where the windows end: the report's {@code to}, or now when {@code to} lies in the future
     * @param windowDays the SLA window length the thresholds are scaled with (30 for a calendar month, 7 for a week)
     * @param state {@code page} when a page alert fires, else {@code ticket} when a ticket alert fires, else
     *        {@code ok}
     * @param windows the burn rate over each window, shortest first
     * @param alerts each alert condition with its scaled threshold and whether it fires
     */
    public record BurnRates(Instant evaluatedAt, int windowDays, String state, List<BurnRate> windows,
            List<BurnAlert> alerts) {
    }

    /**
     * The burn rate over one window ending at {@link BurnRates#evaluatedAt()}.
     *
     * @param window {@code 5m}, {@code 30m}, {@code 1h}, {@code 2h}, {@code 6h}, {@code 1d} or {@code 3d}
     * @param seconds the window's length
     * @param errorRatio weighted downtime in the window ÷ its length, a ratio, half-even to 8 decimals
     * @param burnRate {@code errorRatio / (1 − objective/100)}, half-even to 6 decimals
     */
    public record BurnRate(String window, long seconds, BigDecimal errorRatio, BigDecimal burnRate) {
    }

    /**
     * One multi-window alert condition.
     *
     * @param severity {@code page} or {@code ticket}
     * @param longWindow e.g. {@code 1h}
     * @param shortWindow e.g. {@code 5m}
     * @param threshold the burn rate both windows must exceed: factor × windowDays / 30
     * @param firing whether both burn rates (compared exactly, before rounding) exceed the threshold
     */
    public record BurnAlert(String severity, String longWindow, String shortWindow, BigDecimal threshold,
            boolean firing) {
    }

    /**
     * One outage as it counts (or is excluded) in the period.
     *
     * @param start clipped start ({@code max(start, from)})
     * @param end clipped end ({@code min(end, to)}; for an open outage {@code min(to, now)})
     * @param seconds {@code end − start}
     * @param reason incident-service's reason
     * @param open whether the outage had not ended yet when the report was computed
     * @param state {@code DOWN} or {@code DEGRADED}
     * @param cause incident-service's cause category, or {@code null}
     * @param incidentId the incident around the outage, or {@code null}
     * @param excludedBecause why it does not count (only in {@code excludedOutages}): the excluded cause or
     *        {@code MIN_OUTAGE_SECONDS}
     */
    public record ReportOutage(Instant start, Instant end, BigDecimal seconds, String reason, boolean open,
            Outage.State state, @JsonInclude(JsonInclude.Include.NON_NULL) String cause,
            @JsonInclude(JsonInclude.Include.NON_NULL) Long incidentId,
            @JsonInclude(JsonInclude.Include.NON_NULL) String excludedBecause) {
    }

    /** @return availability as a ratio in [0, 1] (for the Prometheus gauge), not serialised */
    @JsonIgnore
    public double availabilityRatio() {
        return availabilityPercent.divide(BigDecimal.valueOf(100), 8, RoundingMode.HALF_EVEN).doubleValue();
    }
}
