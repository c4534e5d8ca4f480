package io.downtime.sla.report;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.downtime.sla.model.CreditTier;
import io.downtime.sla.model.MonthlyFee;
import io.downtime.sla.model.Revenue;
import io.downtime.sla.report.SlaReport.BurnAlert;
import io.downtime.sla.report.SlaReport.BurnRate;
import io.downtime.sla.report.SlaReport.BurnRates;
import io.downtime.sla.report.SlaReport.ErrorBudget;
import io.downtime.sla.report.SlaReport.Exclusion;
import io.downtime.sla.report.SlaReport.ModelLoss;
import io.downtime.sla.report.SlaReport.Money;
import io.downtime.sla.report.SlaReport.ReportOutage;

/**
 * Computes an {@link SlaReport} from outages. Pure: no I/O, no clock ({@code now} is a parameter), so every rule
 * below is unit-tested. Interval arithmetic only ({@link Intervals}: sort, sweep, prefix sums, O(n log n) in the
 * number of outages), never per-second sampling.
 * <ol>
 * <li>Times are truncated to milliseconds; the period is the half-open interval {@code [from, to)}. An open outage
 * ({@code end == null}) lasts up to {@code min(to, now)}; outages that are then empty are dropped.</li>
 * <li>Exclusions, in this order: an outage whose {@code cause} is in {@code excludeCauses} is excluded for that
 * cause; one flagged {@code maintenance} is excluded as {@code MAINTENANCE} when {@code MAINTENANCE} is excluded;
 * one shorter than {@code minOutageSeconds} (its whole length, not the part inside the period; an open one up to
 * now) is excluded as {@code MIN_OUTAGE_SECONDS} (GCP counts downtime periods of at least a minute).</li>
 * <li>Counted outages are merged per state so overlaps count once: {@code downtime} = union of {@code DOWN} in the
 * period; {@code degraded} = union of {@code DEGRADED} minus {@code DOWN}; {@code weightedDowntime = downtime +
 * degradedWeight × degraded}. {@code excluded} = union of excluded outages minus everything counted.</li>
 * <li>{@code availabilityPercent = 100 × (1 − weightedDowntime / elapsed)} with {@code elapsed = min(to, now) −
 * from}: the future part of a calendar window in progress is not counted as up. 100 when nothing elapsed.</li>
 * <li>Error budget (Google SRE Workbook, ch. 2 "Implementing SLOs" and ch. 5 "Alerting on SLOs"):
 * {@code total = (1 − objective/100) × period} (the whole period: a calendar month's budget is the month's),
 * {@code spent = weightedDowntime}, {@code remaining = total − spent}, which goes negative when overspent; also in
 * percent of the total.</li>
 * <li>Revenue loss per model, exact BigDecimal arithmetic, rounded half-even to {@code max(2, decimals of the
 * price)}: {@code flat} = {@code amountPerHour × weightedDowntime / 1 h} (price: {@code amountPerHour});
 * {@code transactions} = {@code transactionsPerMinute × revenuePerTransaction × weightedDowntime / 1 min} (price:
 * {@code revenuePerTransaction}); {@code volume} = {@code feeRate × ∫ volume(t) dt / 1 h} over the counted time,
 * degraded time weighted, where {@code volume(t)} is the profile's value for the local hour of {@code t} in the
 * SLA's time zone (price: the profile's values). Totals per currency add the rounded model losses.</li>
 * <li>Credit, AWS-style tiers: among the tiers whose {@code belowPercent} is strictly greater than the availability,
 * the one with the lowest {@code belowPercent} (the highest credit); 0 when none applies. Compared with the exact
 * availability, so a boundary is never crossed by rounding. {@code creditAmount = monthlyFee × creditPercent / 100},
 * half-even to {@code max(2, decimals of the fee)}.</li>
 * <li>Burn rates over 5m … 3d ending at {@code min(to, now)} and the SRE Workbook alert state, see
 * {@link BurnRatePolicy}; windows may reach before {@code from} (the caller supplies outages from 3 days before
 * the end).</li>
 * </ol>
 */
public final class SlaCalculator {

    /** Exclusion reason of outages shorter than {@code minOutageSeconds}. */
    public static final String MIN_OUTAGE_SECONDS = "MIN_OUTAGE_SECONDS";
    /** Cause (and exclusion reason) of planned maintenance. */
    public static final String MAINTENANCE = "MAINTENANCE";

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);
    private static final BigDecimal MILLIS_PER_HOUR = BigDecimal.valueOf(3_600_000);
    private static final BigDecimal MILLIS_PER_MINUTE = BigDecimal.valueOf(60_000);
    private static final int PERCENT_SCALE = 6;
    private static final int RATIO_SCALE = 8;
    private static final int MONEY_MIN_SCALE = 2;

    private SlaCalculator() {
    }

    /**
     * @param service service name, copied to the report
     * @param terms objective, window, what counts, revenue models, fee and credit tiers
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
        long evaluatedAt = Math.min(t, n);

        Intervals.Builder down = new Intervals.Builder();
        Intervals.Builder degraded = new Intervals.Builder();
        Intervals.Builder excluded = new Intervals.Builder();
        Map<String, Intervals.Builder> excludedByReason = new LinkedHashMap<>();
        Map<String, Integer> excludedOutagesByReason = new LinkedHashMap<>();
        List<ReportOutage> counted = new ArrayList<>();
        List<ReportOutage> dropped = new ArrayList<>();
        for (Outage outage : outages) {
            long start = outage.start().toEpochMilli();
            long end = outage.end() == null ? evaluatedAt : outage.end().toEpochMilli();
            if (end <= start) {
                continue;
            }
            long length = (outage.end() == null ? n : end) - start;
            String because = exclusion(outage, terms, length);
            if (because == null) {
                (outage.state() == Outage.State.DEGRADED ? degraded : down).add(start, end);
            } else {
                excluded.add(start, end);
                excludedByReason.computeIfAbsent(because, r -> new Intervals.Builder()).add(start, end);
            }
            long clippedStart = Math.max(start, f);
            long clippedEnd = Math.min(end, t);
            if (clippedEnd <= clippedStart) {
                continue;
            }
            ReportOutage listed = new ReportOutage(Instant.ofEpochMilli(clippedStart), Instant.ofEpochMilli(clippedEnd),
                    seconds(clippedEnd - clippedStart), outage.reason(), outage.end() == null, outage.state(),
                    outage.cause(), outage.incidentId(), because);
            if (because == null) {
                counted.add(listed);
            } else {
                dropped.add(listed);
                excludedOutagesByReason.merge(because, 1, Integer::sum);
            }
        }
        counted.sort(Comparator.comparing(ReportOutage::start));
        dropped.sort(Comparator.comparing(ReportOutage::start));

        Intervals downSet = down.build();
        Intervals degradedOnly = degraded.build().minus(downSet);
        Intervals countedSet = downSet.union(degradedOnly);
        long downMillis = downSet.measure(f, t);
        long degradedMillis = degradedOnly.measure(f, t);
        long excludedMillis = excluded.build().minus(countedSet).measure(f, t);
        List<Exclusion> exclusions = new ArrayList<>();
        excludedByReason.forEach((reason, builder) -> exclusions.add(new Exclusion(reason,
                seconds(builder.build().minus(countedSet).measure(f, t)), excludedOutagesByReason.getOrDefault(reason, 0))));

        BigDecimal weight = terms.degradedWeight();
        BigDecimal weighted = weighted(downMillis, degradedMillis, weight);
        long periodMillis = t - f;
        long elapsedMillis = Math.max(0, evaluatedAt - f);
        BigDecimal elapsed = BigDecimal.valueOf(elapsedMillis);
        BigDecimal up = elapsed.subtract(weighted).max(BigDecimal.ZERO);

        BigDecimal availability = elapsedMillis == 0 ? HUNDRED
                : plain(HUNDRED.multiply(up).divide(elapsed, PERCENT_SCALE, RoundingMode.HALF_EVEN));

        BigDecimal objective = terms.objectivePercent();
        BigDecimal budgetRatioTimesHundred = HUNDRED.subtract(objective);
        BigDecimal period = BigDecimal.valueOf(periodMillis);
        BigDecimal budgetMillis = budgetRatioTimesHundred.multiply(period).divide(HUNDRED, 0, RoundingMode.HALF_EVEN);
        BigDecimal total = budgetMillis.movePointLeft(3);
        BigDecimal spent = weighted.setScale(0, RoundingMode.HALF_EVEN).movePointLeft(3);
        BigDecimal spentPercent = plain(weighted.multiply(HUNDRED).multiply(HUNDRED)
                .divide(budgetRatioTimesHundred.multiply(period), PERCENT_SCALE, RoundingMode.HALF_EVEN));
        ErrorBudget budget = new ErrorBudget(plain(total), plain(spent), plain(total.subtract(spent)), spentPercent,
                plain(HUNDRED.subtract(spentPercent)));

        List<ModelLoss> byModel = new ArrayList<>();
        Map<String, BigDecimal> totals = new LinkedHashMap<>();
        for (Revenue model : terms.revenue()) {
            BigDecimal amount = loss(model, terms, weighted, downSet, degradedOnly, f, t);
            byModel.add(new ModelLoss(model.model(), amount.toPlainString(), model.currency()));
            totals.merge(model.currency(), amount, BigDecimal::add);
        }
        List<Money> totalLoss = totals.entrySet().stream()
                .map(e -> new Money(e.getValue().toPlainString(), e.getKey()))
                .toList();
        Money legacyLoss = totalLoss.size() == 1 ? totalLoss.get(0) : null;

        BigDecimal creditPercent = elapsedMillis == 0 ? BigDecimal.ZERO : credit(terms.creditTiers(), up, elapsed);
        Money creditAmount = creditAmount(terms.monthlyFee(), creditPercent);

        BurnRates burnRates = burnRates(terms, downSet, degradedOnly, weight, evaluatedAt);

        return new SlaReport(service, Instant.ofEpochMilli(f), Instant.ofEpochMilli(t), objective,
                terms.window().text(), terms.zone().getId(), seconds(periodMillis), seconds(elapsedMillis), availability,
                seconds(downMillis), seconds(degradedMillis), plain(weight), plain(spent),
                seconds(excludedMillis), exclusions, budget, legacyLoss, byModel, totalLoss, creditPercent, creditAmount,
                burnRates, counted.size(), dropped.size(), counted, dropped);
    }

    /** @return why an outage does not count, or {@code null} when it does */
    static String exclusion(Outage outage, SlaTerms terms, long lengthMillis) {
        if (outage.cause() != null && terms.excludeCauses().contains(outage.cause())) {
            return outage.cause();
        }
        if (outage.maintenance() && terms.excludeCauses().contains(MAINTENANCE)) {
            return MAINTENANCE;
        }
        if (lengthMillis < terms.minOutageMillis()) {
            return MIN_OUTAGE_SECONDS;
        }
        return null;
    }

    /** {@code down + weight × degraded}, in milliseconds, exact. */
    private static BigDecimal weighted(long downMillis, long degradedMillis, BigDecimal weight) {
        BigDecimal down = BigDecimal.valueOf(downMillis);
        return weight.signum() == 0 || degradedMillis == 0 ? down
                : down.add(weight.multiply(BigDecimal.valueOf(degradedMillis)));
    }

    /** The loss of one revenue model over the counted time in {@code [f, t)}. */
    private static BigDecimal loss(Revenue model, SlaTerms terms, BigDecimal weightedMillis, Intervals down,
            Intervals degradedOnly, long f, long t) {
        switch (model.model()) {
            case Revenue.FLAT -> {
                BigDecimal perHour = new BigDecimal(model.amountPerHour());
                return perHour.multiply(weightedMillis).divide(MILLIS_PER_HOUR, moneyScale(perHour.scale()),
                        RoundingMode.HALF_EVEN);
            }
            case Revenue.TRANSACTIONS -> {
                BigDecimal perTransaction = new BigDecimal(model.revenuePerTransaction());
                return new BigDecimal(model.transactionsPerMinute()).multiply(perTransaction).multiply(weightedMillis)
                        .divide(MILLIS_PER_MINUTE, moneyScale(perTransaction.scale()), RoundingMode.HALF_EVEN);
            }
            case Revenue.VOLUME -> {
                VolumeProfile profile = new VolumeProfile(model.hourlyVolume(), terms.zone());
                BigDecimal[] sums = { BigDecimal.ZERO, BigDecimal.ZERO };
                down.forEachWithin(f, t, (s, e) -> sums[0] = sums[0].add(profile.integral(s, e)));
                if (terms.degradedWeight().signum() != 0) {
                    degradedOnly.forEachWithin(f, t, (s, e) -> sums[1] = sums[1].add(profile.integral(s, e)));
                }
                BigDecimal volumeMillis = sums[0].add(terms.degradedWeight().multiply(sums[1]));
                return new BigDecimal(model.feeRate()).multiply(volumeMillis).divide(MILLIS_PER_HOUR,
                        moneyScale(profile.scale()), RoundingMode.HALF_EVEN);
            }
            default -> throw new IllegalArgumentException("unknown revenue model " + model.model());
        }
    }

    private static Money creditAmount(MonthlyFee fee, BigDecimal creditPercent) {
        if (fee == null) {
            return null;
        }
        BigDecimal amount = new BigDecimal(fee.amount());
        return new Money(amount.multiply(creditPercent).divide(HUNDRED, moneyScale(amount.scale()),
                RoundingMode.HALF_EVEN).toPlainString(), fee.currency());
    }

    /** Burn rates over every window ending at {@code end}, and which alerts fire. */
    static BurnRates burnRates(SlaTerms terms, Intervals down, Intervals degradedOnly, BigDecimal weight, long end) {
        BigDecimal budgetTimesHundred = HUNDRED.subtract(terms.objectivePercent());
        Map<String, BigDecimal> weightedByWindow = new LinkedHashMap<>();
        List<BurnRate> windows = new ArrayList<>();
        for (BurnRatePolicy.Window window : BurnRatePolicy.WINDOWS) {
            long length = window.length().toMillis();
            BigDecimal bad = weighted(down.measure(end - length, end), degradedOnly.measure(end - length, end), weight);
            weightedByWindow.put(window.name(), bad);
            BigDecimal lengthMillis = BigDecimal.valueOf(length);
            BigDecimal errorRatio = plain(bad.divide(lengthMillis, RATIO_SCALE, RoundingMode.HALF_EVEN));
            BigDecimal burnRate = plain(bad.multiply(HUNDRED).divide(lengthMillis.multiply(budgetTimesHundred),
                    PERCENT_SCALE, RoundingMode.HALF_EVEN));
            windows.add(new BurnRate(window.name(), length / 1000, errorRatio, burnRate));
        }
        int days = terms.window().days();
        List<BurnAlert> alerts = new ArrayList<>();
        String state = BurnRatePolicy.OK;
        for (BurnRatePolicy.Alert alert : BurnRatePolicy.ALERTS) {
            BigDecimal threshold = alert.threshold(days);
            boolean firing = above(weightedByWindow.get(alert.longWindow().name()), alert.longWindow(), threshold,
                    budgetTimesHundred)
                    && above(weightedByWindow.get(alert.shortWindow().name()), alert.shortWindow(), threshold,
                            budgetTimesHundred);
            alerts.add(new BurnAlert(alert.severity(), alert.longWindow().name(), alert.shortWindow().name(), threshold,
                    firing));
            if (firing && (BurnRatePolicy.PAGE.equals(alert.severity()) || BurnRatePolicy.OK.equals(state))) {
                state = alert.severity();
            }
        }
        return new BurnRates(Instant.ofEpochMilli(end), days, state, windows, alerts);
    }

    /** Exactly: {@code bad / length / (budget% / 100) > threshold}, i.e. {@code 100 × bad > threshold × length × budget%}. */
    private static boolean above(BigDecimal bad, BurnRatePolicy.Window window, BigDecimal threshold,
            BigDecimal budgetTimesHundred) {
        return bad.multiply(HUNDRED)
                .compareTo(threshold.multiply(BigDecimal.valueOf(window.length().toMillis())).multiply(budgetTimesHundred)) > 0;
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
     * @return the decimals of a revenue loss: those of the price as written, at least 2 ({@code "3600"} and
     *         {@code "12.5"} give 2, {@code "0.0004"} gives 4)
     */
    static int moneyScale(int priceScale) {
        return Math.max(MONEY_MIN_SCALE, priceScale);
    }

    private static BigDecimal seconds(long millis) {
        return plain(BigDecimal.valueOf(millis, 3));
    }

    /** Drops trailing zeros without switching to exponent notation ({@code 2592000}, not {@code 2.592E+6}). */
    static BigDecimal plain(BigDecimal value) {
        BigDecimal stripped = value.stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }
}
