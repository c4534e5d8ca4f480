package io.downtime.sla.bench;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.Set;

import io.downtime.sla.model.CreditTier;
import io.downtime.sla.model.MonthlyFee;
import io.downtime.sla.model.Revenue;
import io.downtime.sla.model.SlaWindow;
import io.downtime.sla.report.Outage;
import io.downtime.sla.report.SlaCalculator;
import io.downtime.sla.report.SlaReport;
import io.downtime.sla.report.SlaTerms;

/**
 * Benchmark of the pure report computation ({@link SlaCalculator#report}): a 365-day period with 10,000 outages in
 * random order (overlapping, open, {@code DEGRADED}, excluded by cause and by length), with every feature on — degraded
 * weight, exclusions, flat + 168-value volume profile in {@code America/New_York} (daylight saving) + transactions
 * revenue, credit tiers and fee, burn rates. Plain {@code main} (no JMH in the build): warms the JIT up, then times
 * each computation with {@link System#nanoTime()} and prints min / median / p99 / max in milliseconds. Run by
 * {@code scripts/bench/sla-report.sh}.
 * <p>
 * Arguments (optional): outages (10000), days (365), warm-up iterations (300), measured iterations (300).
 */
public final class SlaReportBench {

    private SlaReportBench() {
    }

    public static void main(String[] args) {
        int outages = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int days = args.length > 1 ? Integer.parseInt(args[1]) : 365;
        int warmup = args.length > 2 ? Integer.parseInt(args[2]) : 300;
        int runs = args.length > 3 ? Integer.parseInt(args[3]) : 300;

        Instant to = Instant.parse("2026-01-01T00:00:00Z");
        Instant from = to.minus(Duration.ofDays(days));
        List<Outage> input = outages(outages, from, to, new Random(5));
        SlaTerms terms = terms();

        SlaReport report = null;
        for (int i = 0; i < warmup; i++) {
            report = SlaCalculator.report("bench", terms, from, to, to, input);
        }
        double[] millis = new double[runs];
        for (int i = 0; i < runs; i++) {
            long start = System.nanoTime();
            report = SlaCalculator.report("bench", terms, from, to, to, input);
            millis[i] = (System.nanoTime() - start) / 1e6;
        }
        Arrays.sort(millis);
        System.out.printf("SlaCalculator.report: %d days, %d outages (%d counted, %d excluded), %d runs after %d warm-up%n",
                days, outages, report.outagesCounted(), report.outagesExcluded(), runs, warmup);
        System.out.printf("  availability %s %%, downtime %s s, degraded %s s, excluded %s s, loss %s, burn state %s%n",
                report.availabilityPercent(), report.downtimeSeconds(), report.degradedSeconds(), report.excludedSeconds(),
                report.revenueLossTotal(), report.burnRates().state());
        System.out.printf("  min %.2f ms  median %.2f ms  p99 %.2f ms  max %.2f ms  (budget: 50 ms)%n", millis[0],
                millis[runs / 2], millis[(int) Math.ceil(runs * 0.99) - 1], millis[runs - 1]);
    }

    static SlaTerms terms() {
        List<String> week = new ArrayList<>();
        for (int h = 0; h < 168; h++) {
            // busy weekday afternoons, quiet nights and weekends
            int hourOfDay = h % 24;
            boolean weekday = h < 120;
            week.add(new BigDecimal(weekday && hourOfDay >= 13 && hourOfDay < 21 ? "2500000.50" : "150000.25").toPlainString());
        }
        List<Revenue> revenue = List.of(Revenue.flat("3600.00", "USD"), Revenue.volume(week, "0.0025", "USDC"),
                Revenue.transactions("40", "0.25", "USD"));
        List<CreditTier> tiers = List.of(new CreditTier(new BigDecimal("99.99"), BigDecimal.TEN),
                new CreditTier(new BigDecimal("99.0"), new BigDecimal("30")),
                new CreditTier(new BigDecimal("95.0"), new BigDecimal("100")));
        return new SlaTerms(new BigDecimal("99.9"), SlaWindow.rolling(365), ZoneId.of("America/New_York"),
                new BigDecimal("0.5"), Set.of("MAINTENANCE", "CONSENSUS_DISRUPTION"), 60_000, revenue,
                new MonthlyFee("5000.00", "USD"), tiers);
    }

    /** Outages spread over the period, 10 s to 20 min long, some overlapping, the last one still open; shuffled. */
    static List<Outage> outages(int count, Instant from, Instant to, Random random) {
        long span = to.toEpochMilli() - from.toEpochMilli();
        List<Outage> list = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            boolean open = i == count - 1;
            Instant start = open ? to.minus(Duration.ofMinutes(30)) : from.plusMillis((long) (random.nextDouble() * span));
            long length = 10_000L + (long) (random.nextDouble() * 1_190_000L);
            Instant end = open ? null : start.plusMillis(length);
            int kind = random.nextInt(100);
            Outage.State state = kind < 15 ? Outage.State.DEGRADED : Outage.State.DOWN;
            String cause = kind >= 95 ? "MAINTENANCE" : kind >= 93 ? "CONSENSUS_DISRUPTION" : "TECHNICAL_FAILURE";
            list.add(new Outage(start, end, "head_stale", state, cause, kind == 50, (long) i));
        }
        Collections.shuffle(list, random);
        return list;
    }
}
