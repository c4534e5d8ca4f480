package io.downtime.sla.report;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

import io.downtime.sla.model.CreditTier;
import io.downtime.sla.report.SlaReport.ErrorBudget;
import io.downtime.sla.report.SlaReport.Money;
import io.downtime.sla.report.SlaReport.ReportOutage;

/**
 * Computes an {@link SlaReport} from outages. Pure: no I/O, no clock ({@code now} is a parameter), so every rule
 * below is unit-tested.
 * <ol>
 * <li>Times are truncated to milliseconds; the period is the half-open interval {@code [from, to)}.</li>
 * <li>Every outage is clipped to the period; an open outage ({@code end == null}) counts up to
 * {@code min(to, now)}. Outages that end up empty (outside the period, touching an edge, or starting after
 * {@code now} while open) are dropped.</li>
 * <li>Overlapping (and adjoining) outages are merged by sorting on start and sweeping once, O(n log n), so
 * downtime counted twice is counted once.</li>
 * <li>{@code availabilityPercent = 100 × (1 − downtime / period)}; 100 with no outages.</li>
 * <li>Error budget (Google SRE Workbook, ch. 2 "Implementing SLOs" and ch. 5 "Alerting on SLOs"):
 * {@code total = (1 − objective/100) × period}, {@code spent = downtime}, {@code remaining = total − spent}, which
 * goes negative when the budget is overspent. Rounded half-even to milliseconds.</li>
 * <li>Revenue loss ({@code flat} model) = {@code amountPerHour × downtimeSeconds / 3600}, exact BigDecimal
 * arithmetic, rounded half-even to {@code max(2, scale of amountPerHour)} decimals: cents for {@code "3600.00" USD}
 * (always 2 decimals, {@code "0.00"} included), but {@code "0.0004" ETH} per hour keeps 4 decimals, so a token
 * priced in small fractions does not round every loss to zero.</li>
 * <li>Credit, AWS-style tiers: among the tiers whose {@code belowPercent} is strictly greater than the availability,
 * the one with the lowest {@code belowPercent} (the last in the validated order, i.e. the highest credit); 0 when
 * none applies. The comparison uses the exact availability, not the rounded one, so a boundary is never crossed by
 * rounding: availability exactly equal to {@code belowPercent} owes nothing from that tier.</li>
 * </ol>
 */
public final class SlaCalculator {

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);
    private static final BigDecimal MILLIS_PER_HOUR = BigDecimal.valueOf(3_600_000);
    private static final int PERCENT_SCALE = 6;
    private static final int MONEY_MIN_SCALE = 2;

    private SlaCalculator() {
    }

    /**
     * @param service service name, copied to the report
     * @param terms objective, revenue model and credit tiers
     * @param from inclusive start of the period
     * @param to exclusive end of the period; must be after {@code from} (at millisecond precision)
     * @param now the current time, where open outages stop counting if before {@code to}
     * @param outages outages in any order, possibly overlapping or outside the period
     * @return the report
     * @throws IllegalArgumentException when the period is empty
     */
    public static SlaReport report(String service, SlaTerms terms, Instant from, Instant to, Instant now,
            List<Outage> outages) {
        Objects.requireNonNull(terms, "terms");
        long f = from.toEpochMilli();
        long t = to.toEpochMilli();
        long n = now.toEpochMilli();
        if (t <= f) {
            throw new IllegalArgumentException("from must be before to");
        }

        List<ReportOutage> clipped = new ArrayList<>();
        List<long[]> intervals = new ArrayList<>();
        for (Outage outage : outages) {
            long start = Math.max(outage.start().toEpochMilli(), f);
            long end = Math.min(outage.end() == null ? Math.min(t, n) : outage.end().toEpochMilli(), t);
            if (end <= start) {
                continue;
            }
            intervals.add(new long[] { start, end });
            clipped.add(new ReportOutage(Instant.ofEpochMilli(start), Instant.ofEpochMilli(end), seconds(end - start),
                    outage.reason(), outage.end() == null));
        }
        clipped.sort(Comparator.comparing(ReportOutage::start));

        long downtimeMillis = mergedLength(intervals);
        long periodMillis = t - f;
        BigDecimal period = BigDecimal.valueOf(periodMillis);
        BigDecimal up = BigDecimal.valueOf(periodMillis - downtimeMillis);

        BigDecimal availability = plain(HUNDRED.multiply(up).divide(period, PERCENT_SCALE, RoundingMode.HALF_EVEN));

        BigDecimal objective = terms.objectivePercent();
        BigDecimal budgetMillis = HUNDRED.subtract(objective).multiply(period).divide(HUNDRED, 0, RoundingMode.HALF_EVEN);
        BigDecimal total = budgetMillis.movePointLeft(3);
        BigDecimal spent = BigDecimal.valueOf(downtimeMillis).movePointLeft(3);
        ErrorBudget budget = new ErrorBudget(plain(total), plain(spent), plain(total.subtract(spent)));

        Money loss = null;
        if (terms.revenue() != null) {
            BigDecimal perHour = new BigDecimal(terms.revenue().amountPerHour());
            BigDecimal amount = perHour.multiply(BigDecimal.valueOf(downtimeMillis)).divide(MILLIS_PER_HOUR,
                    moneyScale(perHour), RoundingMode.HALF_EVEN);
            loss = new Money(amount.toPlainString(), terms.revenue().currency());
        }

        return new SlaReport(service, Instant.ofEpochMilli(f), Instant.ofEpochMilli(t), objective, seconds(periodMillis),
                availability, seconds(downtimeMillis), budget, loss, credit(terms.creditTiers(), up, period), clipped);
    }

    /**
     * @return the credit percent owed: the applicable tier ({@code belowPercent > 100 × up / period}, compared
     *         exactly as {@code belowPercent × period > 100 × up}) with the lowest {@code belowPercent}, else 0
     */
    static BigDecimal credit(List<CreditTier> tiers, BigDecimal upMillis, BigDecimal periodMillis) {
        BigDecimal scaledUp = HUNDRED.multiply(upMillis);
        CreditTier best = null;
        for (CreditTier tier : tiers) {
            boolean applies = tier.belowPercent().multiply(periodMillis).compareTo(scaledUp) > 0;
            if (applies && (best == null || tier.belowPercent().compareTo(best.belowPercent()) < 0)) {
                best = tier;
            }
        }
        return best == null ? BigDecimal.ZERO : plain(best.creditPercent());
    }

    /**
     * @return the decimals of a revenue loss: those of the hourly amount as written, at least 2 ({@code "3600"} and
     *         {@code "12.5"} give 2, {@code "0.0004"} gives 4)
     */
    static int moneyScale(BigDecimal amountPerHour) {
        return Math.max(MONEY_MIN_SCALE, amountPerHour.scale());
    }

    /** Total length of the union of half-open intervals {@code [start, end)}: sort by start, sweep once. */
    static long mergedLength(List<long[]> intervals) {
        intervals.sort(Comparator.comparingLong(i -> i[0]));
        long total = 0;
        long currentStart = 0;
        long currentEnd = Long.MIN_VALUE;
        for (long[] interval : intervals) {
            if (interval[0] > currentEnd) {
                if (currentEnd != Long.MIN_VALUE) {
                    total += currentEnd - currentStart;
                }
                currentStart = interval[0];
                currentEnd = interval[1];
            } else if (interval[1] > currentEnd) {
                currentEnd = interval[1];
            }
        }
        if (currentEnd != Long.MIN_VALUE) {
            total += currentEnd - currentStart;
        }
        return total;
    }

    private static BigDecimal seconds(long millis) {
        return plain(BigDecimal.valueOf(millis, 3));
    }

    /** Drops trailing zeros without switching to exponent notation ({@code 2592000}, not {@code 2.592E+6}). */
    private static BigDecimal plain(BigDecimal value) {
        BigDecimal stripped = value.stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }
}
