package io.downtime.sla.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.downtime.sla.model.CreditTier;
import io.downtime.sla.model.MonthlyFee;
import io.downtime.sla.model.Revenue;
import io.downtime.sla.model.SlaWindow;
import io.downtime.sla.report.Outage.State;
import io.downtime.sla.report.SlaReport.BurnAlert;
import io.downtime.sla.report.SlaReport.Exclusion;
import io.downtime.sla.report.SlaReport.ModelLoss;
import io.downtime.sla.report.SlaReport.Money;

/** Hand-computed cases of what the SLO engine adds: what counts, revenue models, credit amount, burn rates. */
class SloEngineCalculatorTest {

    static final Instant FROM = Instant.parse("2026-01-01T00:00:00Z");
    static final Instant TO = FROM.plus(Duration.ofDays(30));
    static final Instant NOW = Instant.parse("2026-06-01T00:00:00Z");
    static final List<CreditTier> AWS = List.of(tier("99.99", "10"), tier("99.0", "30"), tier("95.0", "100"));
    static final Revenue FLAT = Revenue.flat("3600.00", "USD");

    static BigDecimal dec(String value) {
        return new BigDecimal(value);
    }

    static CreditTier tier(String below, String credit) {
        return new CreditTier(dec(below), dec(credit));
    }

    static Instant at(long secondsAfterFrom) {
        return FROM.plusSeconds(secondsAfterFrom);
    }

    static Outage down(long start, long end) {
        return new Outage(at(start), at(end), "head_stale");
    }

    static Outage outage(long start, Long end, State state, String cause, boolean maintenance) {
        return new Outage(at(start), end == null ? null : at(end), "r", state, cause, maintenance, 7L);
    }

    static SlaTerms terms(String weight, Set<String> exclude, long minOutageSeconds, List<Revenue> revenue) {
        return new SlaTerms(dec("99.9"), SlaWindow.rolling(30), ZoneOffset.UTC, dec(weight), exclude,
                minOutageSeconds * 1000, revenue, null, AWS);
    }

    static SlaReport report(SlaTerms terms, Outage... outages) {
        return SlaCalculator.report("dex", terms, FROM, TO, NOW, List.of(outages));
    }

    @Test
    void degradedTimeCountsWithItsWeightAndOnlyWhereNotAlsoDown() {
        // DOWN [1000, 2000), DEGRADED [1500, 3500): degraded-only [2000, 3500) = 1500 s
        Outage d = down(1000, 2000);
        Outage g = outage(1500, 3500L, State.DEGRADED, null, false);
        SlaReport half = report(terms("0.5", Set.of(), 0, List.of(FLAT)), d, g);
        assertEquals(dec("1000"), half.downtimeSeconds());
        assertEquals(dec("1500"), half.degradedSeconds());
        assertEquals(dec("0.5"), half.degradedWeight());
        assertEquals(dec("1750"), half.weightedDowntimeSeconds());
        // 100 × (1 − 1750 / 2592000) = 99.93248456…
        assertEquals(dec("99.932485"), half.availabilityPercent());
        assertEquals(dec("2592"), half.errorBudget().totalSeconds());
        assertEquals(dec("1750"), half.errorBudget().spentSeconds());
        assertEquals(dec("842"), half.errorBudget().remainingSeconds());
        // 100 × 1750 / 2592 = 67.5154320…
        assertEquals(dec("67.515432"), half.errorBudget().spentPercent());
        assertEquals(dec("32.484568"), half.errorBudget().remainingPercent());
        assertEquals("1750.00", half.revenueLoss().amount());
        assertEquals(2, half.outagesCounted());
        assertEquals(State.DEGRADED, half.outages().get(1).state());

        // weight 0 (the default): degraded time is reported but does not count
        SlaReport none = report(terms("0", Set.of(), 0, List.of(FLAT)), d, g);
        assertEquals(dec("1500"), none.degradedSeconds());
        assertEquals(dec("1000"), none.weightedDowntimeSeconds());
        assertEquals("1000.00", none.revenueLoss().amount());

        // weight 1: a degraded second is a down second; overlaps still count once
        SlaReport full = report(terms("1", Set.of(), 0, List.of(FLAT)), d, g);
        assertEquals(dec("2500"), full.weightedDowntimeSeconds());
    }

    @Test
    void weightedDowntimeIsRoundedToMilliseconds() {
        // 1 ms degraded × 0.5 = 0.5 ms → 0 ms (half-even) in seconds fields, exact in money and availability
        SlaTerms terms = terms("0.5", Set.of(), 0, List.of(Revenue.flat("3600000", "USD")));
        SlaReport r = report(terms, new Outage(FROM, FROM.plusMillis(3), "x", State.DEGRADED, null, false, null));
        assertEquals(dec("0.003"), r.degradedSeconds());
        // 1.5 ms → 2 ms half-even
        assertEquals(dec("0.002"), r.weightedDowntimeSeconds());
        // 3600000 per hour = 1 per ms × 1.5 ms
        assertEquals("1.50", r.revenueLoss().amount());
    }

    @Test
    void exclusionsByCauseMaintenanceFlagAndMinimumLength() {
        SlaTerms terms = terms("0.5", Set.of("MAINTENANCE", "CONSENSUS_DISRUPTION"), 60, List.of(FLAT));
        SlaReport r = report(terms,
                outage(0, 600L, State.DOWN, "MAINTENANCE", false), // cause excluded: 600 s
                outage(10_000, 10_300L, State.DOWN, null, true), // flagged inside a maintenance window: 300 s
                outage(20_000, 20_030L, State.DOWN, "TECHNICAL_FAILURE", false), // 30 s < 60 s
                outage(30_000, 31_000L, State.DOWN, "CONSENSUS_DISRUPTION", false), // excluded, half overlapped
                outage(30_500, 32_000L, State.DOWN, "TECHNICAL_FAILURE", false), // counts 1500 s
                outage(40_000, 40_060L, State.DOWN, null, false), // exactly 60 s: counts
                outage(50_000, 50_010L, State.DEGRADED, null, false), // 10 s < 60 s
                outage(-100, 30L, State.DOWN, null, false)); // 130 s long, 30 s of it in the period: counts
        assertEquals(dec("1590"), r.downtimeSeconds());
        assertEquals(dec("0"), r.degradedSeconds());
        // 570 (the maintenance outage less the 30 s the counted [-100, 30) covers) + 300 + 30 + 500 (the part of the
        // consensus outage not counted otherwise) + 10
        assertEquals(dec("1410"), r.excludedSeconds());
        assertEquals(List.of(new Exclusion("MAINTENANCE", dec("870"), 2), new Exclusion("MIN_OUTAGE_SECONDS", dec("40"), 2),
                new Exclusion("CONSENSUS_DISRUPTION", dec("500"), 1)), r.exclusions());
        assertEquals(3, r.outagesCounted());
        assertEquals(5, r.outagesExcluded());
        assertEquals(r.outagesExcluded(), r.excludedOutages().size());
        assertEquals("MAINTENANCE", r.excludedOutages().get(0).excludedBecause());
        assertEquals(FROM, r.excludedOutages().get(0).start());
        assertEquals(dec("600"), r.excludedOutages().get(0).seconds());
        assertNull(r.outages().get(0).excludedBecause());
        assertEquals("1590.00", r.revenueLoss().amount());
    }

    @Test
    void anOpenOutageShorterThanTheMinimumSoFarIsExcludedUntilItLastsLongEnough() {
        SlaTerms terms = terms("0", Set.of(), 60, List.of());
        SlaReport early = SlaCalculator.report("dex", terms, FROM, TO, at(1030), List.of(outage(1000, null, State.DOWN,
                null, false)));
        assertEquals(dec("0"), early.downtimeSeconds());
        assertEquals(dec("30"), early.excludedSeconds());
        SlaReport later = SlaCalculator.report("dex", terms, FROM, TO, at(1090), List.of(outage(1000, null, State.DOWN,
                null, false)));
        assertEquals(dec("90"), later.downtimeSeconds());
        assertTrue(later.outages().get(0).open());
    }

    @Test
    void revenueModelsAddUpPerCurrency() {
        List<String> volume = new ArrayList<>(Collections.nCopies(24, "1000"));
        volume.set(10, "100000");
        List<Revenue> models = List.of(FLAT, Revenue.transactions("40", "0.25", "USD"),
                Revenue.volume(volume, "0.003", "USDC"));
        // 09:30–10:30Z, one hour
        SlaReport r = report(terms("0", Set.of(), 0, models),
                new Outage(Instant.parse("2026-01-01T09:30:00Z"), Instant.parse("2026-01-01T10:30:00Z"), "x"));
        // flat 3600 × 1 h; transactions 40/min × 0.25 × 60 min; volume 0.003 × (1000 × 0.5 + 100000 × 0.5)
        assertEquals(List.of(new ModelLoss("flat", "3600.00", "USD"), new ModelLoss("transactions", "600.00", "USD"),
                new ModelLoss("volume", "151.50", "USDC")), r.revenueLossByModel());
        assertEquals(List.of(new Money("4200.00", "USD"), new Money("151.50", "USDC")), r.revenueLossTotal());
        assertNull(r.revenueLoss(), "no single total across currencies");

        // the same hour is 18:30–19:30 in Tokyo, off-peak there: 0.003 × 1000
        SlaTerms tokyo = new SlaTerms(dec("99.9"), SlaWindow.rolling(30), ZoneId.of("Asia/Tokyo"), BigDecimal.ZERO,
                Set.of(), 0, List.of(Revenue.volume(volume, "0.003", "USDC")), null, AWS);
        SlaReport t = SlaCalculator.report("dex", tokyo, FROM, TO, NOW,
                List.of(new Outage(Instant.parse("2026-01-01T09:30:00Z"), Instant.parse("2026-01-01T10:30:00Z"), "x")));
        assertEquals("3.00", t.revenueLoss().amount());
        assertEquals("USDC", t.revenueLoss().currency());
    }

    @Test
    void weeklyVolumeProfileMakesThePeakCostMore() {
        List<String> week = new ArrayList<>(Collections.nCopies(168, "1000"));
        week.set(10, "500000"); // Monday 10:00–11:00
        SlaTerms terms = terms("0", Set.of(), 0, List.of(Revenue.volume(week, "0.003", "USD")));
        // Monday 2026-01-05 10:00–10:30Z: 0.003 × 500000 × 0.5
        assertEquals("750.00", report(terms, new Outage(Instant.parse("2026-01-05T10:00:00Z"),
                Instant.parse("2026-01-05T10:30:00Z"), "x")).revenueLoss().amount());
        // Tuesday, same time: 0.003 × 1000 × 0.5
        assertEquals("1.50", report(terms, new Outage(Instant.parse("2026-01-06T10:00:00Z"),
                Instant.parse("2026-01-06T10:30:00Z"), "x")).revenueLoss().amount());
    }

    @Test
    void volumeOfDegradedTimeIsWeighted() {
        List<String> volume = new ArrayList<>(Collections.nCopies(24, "1000"));
        volume.set(10, "100000");
        SlaTerms terms = terms("0.5", Set.of(), 0, List.of(Revenue.volume(volume, "0.003", "USD")));
        SlaReport r = report(terms, new Outage(Instant.parse("2026-01-01T10:00:00Z"),
                Instant.parse("2026-01-01T11:00:00Z"), "x", State.DEGRADED, null, false, null));
        // 0.003 × 0.5 × 100000
        assertEquals("150.00", r.revenueLoss().amount());
    }

    @Test
    void creditAmountIsTheFeeTimesTheCreditPercent() {
        SlaTerms terms = new SlaTerms(dec("99.9"), null, null, null, null, 0, List.of(),
                new MonthlyFee("5000.00", "USD"), AWS);
        // 30000 s of 30 days: 98.842593 % → below 99 → 30 % of 5000
        SlaReport r = report(terms, down(0, 30_000));
        assertEquals(dec("30"), r.creditPercent());
        assertEquals(new Money("1500.00", "USD"), r.creditAmount());
        assertEquals(new Money("0.00", "USD"), report(terms).creditAmount());
        SlaTerms token = new SlaTerms(dec("99.9"), null, null, null, null, 0, List.of(),
                new MonthlyFee("0.123", "ETH"), AWS);
        // 0.123 × 10 % = 0.0123 → 3 decimals, half-even: 0.012
        assertEquals(new Money("0.012", "ETH"), report(token, down(0, 300)).creditAmount());
        assertNull(report(terms("0", Set.of(), 0, List.of()), down(0, 30_000)).creditAmount());
    }

    @Test
    void availabilityIsOverTheElapsedPartAndTheBudgetOverTheWholeCalendarMonth() {
        // October 2026 in Berlin: 31 days and 1 hour
        Instant from = Instant.parse("2026-09-30T22:00:00Z");
        Instant to = Instant.parse("2026-10-31T23:00:00Z");
        Instant now = from.plus(Duration.ofDays(10));
        SlaTerms terms = new SlaTerms(dec("99.9"), SlaWindow.parse("calendar-month").orElseThrow(),
                ZoneId.of("Europe/Berlin"), null, null, 0, List.of(), null, List.of());
        SlaReport r = SlaCalculator.report("dex", terms, from, to, now,
                List.of(new Outage(from.plus(Duration.ofDays(1)), from.plus(Duration.ofDays(1)).plusSeconds(864), "x")));
        assertEquals(dec("2682000"), r.periodSeconds());
        assertEquals(dec("864000"), r.elapsedSeconds());
        // budget of the month: 0.001 × 2682000
        assertEquals(dec("2682"), r.errorBudget().totalSeconds());
        assertEquals(dec("1818"), r.errorBudget().remainingSeconds());
        // availability so far: 100 × (1 − 864 / 864000)
        assertEquals(dec("99.9"), r.availabilityPercent());
        assertEquals("calendar-month", r.window());
        assertEquals("Europe/Berlin", r.timeZone());

        // a period entirely in the future: nothing elapsed, nothing lost
        SlaReport future = SlaCalculator.report("dex", terms, from, to, from.minusSeconds(1), List.of());
        assertEquals(dec("100"), future.availabilityPercent());
        assertEquals(dec("0"), future.elapsedSeconds());
    }

    static final Instant END = TO;

    static Outage beforeEnd(long startSecondsBeforeEnd, long endSecondsBeforeEnd) {
        return new Outage(END.minusSeconds(startSecondsBeforeEnd), END.minusSeconds(endSecondsBeforeEnd), "x");
    }

    static BigDecimal burn(SlaReport r, String window) {
        return r.burnRates().windows().stream().filter(w -> w.window().equals(window)).findFirst().orElseThrow()
                .burnRate();
    }

    static boolean firing(SlaReport r, String severity, String longWindow) {
        return r.burnRates().alerts().stream()
                .filter(a -> a.severity().equals(severity) && a.longWindow().equals(longWindow))
                .map(BurnAlert::firing).findFirst().orElseThrow();
    }

    @Test
    void burnRatesOverTheWorkbookWindowsEndingAtTo() {
        // the last 10 minutes before `to` were down; budget 0.1 %
        SlaReport r = report(terms("0", Set.of(), 0, List.of()), beforeEnd(600, 0));
        assertEquals(END, r.burnRates().evaluatedAt());
        assertEquals(List.of("5m", "30m", "1h", "2h", "6h", "1d", "3d"),
                r.burnRates().windows().stream().map(SlaReport.BurnRate::window).toList());
        assertEquals(dec("1"), r.burnRates().windows().get(0).errorRatio());
        assertEquals(300, r.burnRates().windows().get(0).seconds());
        assertEquals(dec("1000"), burn(r, "5m"));
        assertEquals(dec("333.333333"), burn(r, "30m"));
        assertEquals(dec("166.666667"), burn(r, "1h"));
        assertEquals(dec("83.333333"), burn(r, "2h"));
        assertEquals(dec("27.777778"), burn(r, "6h"));
        assertEquals(dec("6.944444"), burn(r, "1d"));
        assertEquals(dec("2.314815"), burn(r, "3d"));
        assertEquals(dec("0.00231481"), r.burnRates().windows().get(6).errorRatio());
        assertEquals("page", r.burnRates().state());
        assertTrue(firing(r, "page", "1h"));
        assertTrue(firing(r, "page", "6h"));
        assertTrue(firing(r, "ticket", "1d"));
        assertTrue(firing(r, "ticket", "3d"));
        assertEquals(List.of(dec("14.4"), dec("6"), dec("3"), dec("1")),
                r.burnRates().alerts().stream().map(BurnAlert::threshold).toList());
    }

    /** 0.5 % errors: 3 s of every 10 minutes over the last 3 days, the last one ending 9m57s before `to`. */
    static Outage[] slowBurn() {
        List<Outage> outages = new ArrayList<>();
        for (long k = 1; k <= 3 * 24 * 6; k++) {
            outages.add(beforeEnd(600 * k, 600 * k - 3));
        }
        return outages.toArray(Outage[]::new);
    }

    @Test
    void aSlowBurnOpensATicketOn30DaysButPagesOn7Days() {
        SlaReport thirty = report(terms("0", Set.of(), 0, List.of()), slowBurn());
        // burn rate 0.005 / 0.001 = 5 over 30m … 3d; 0 over 5m (no outage in the last 5 minutes)
        assertEquals(dec("0"), burn(thirty, "5m"));
        assertEquals(dec("5"), burn(thirty, "30m"));
        assertEquals(dec("5"), burn(thirty, "3d"));
        // 5 < 14.4 and 5 < 6: no page; 5 > 3 over 1d and 2h: ticket
        assertFalse(firing(thirty, "page", "1h"));
        assertFalse(firing(thirty, "page", "6h"));
        assertTrue(firing(thirty, "ticket", "1d"));
        assertEquals("ticket", thirty.burnRates().state());

        // a 7-day SLA scales the factors by 7/30: page at 3.36 (1h & 5m) and 1.4 (6h & 30m)
        SlaTerms week = new SlaTerms(dec("99.9"), SlaWindow.rolling(7), null, null, null, 0, List.of(), null, List.of());
        SlaReport seven = report(week, slowBurn());
        assertEquals(List.of(dec("3.36"), dec("1.4"), dec("0.7"), dec("0.233333")),
                seven.burnRates().alerts().stream().map(BurnAlert::threshold).toList());
        assertEquals(7, seven.burnRates().windowDays());
        assertFalse(firing(seven, "page", "1h"), "5m burn is 0");
        assertTrue(firing(seven, "page", "6h"));
        assertEquals("page", seven.burnRates().state());

        // the same for a calendar week
        SlaTerms calendarWeek = new SlaTerms(dec("99.9"), SlaWindow.parse("calendar-week").orElseThrow(), null, null,
                null, 0, List.of(), null, List.of());
        assertEquals("page", report(calendarWeek, slowBurn()).burnRates().state());
    }

    @Test
    void thresholdsAreComparedExactly() {
        // exactly 14.4 × budget over 1h and 5m is not above the threshold: 51.84 s of the last hour, all in the last 5m
        SlaTerms terms = terms("0", Set.of(), 0, List.of());
        SlaReport exact = SlaCalculator.report("dex", terms, FROM, TO, NOW,
                List.of(new Outage(END.minusMillis(51_840), END, "x")));
        assertEquals(dec("14.4"), burn(exact, "1h"));
        assertFalse(firing(exact, "page", "1h"));
        SlaReport above = SlaCalculator.report("dex", terms, FROM, TO, NOW,
                List.of(new Outage(END.minusMillis(51_841), END, "x")));
        assertTrue(firing(above, "page", "1h"));
    }

    @Test
    void burnWindowsReachBeforeTheReportPeriodAndEndAtNowWhileItRuns() {
        // a one-hour report; the outage 2h–1h30 before its end is outside the period but inside the 2h window
        Instant from = END.minus(Duration.ofHours(1));
        SlaReport r = SlaCalculator.report("dex", terms("0", Set.of(), 0, List.of()), from, END, NOW,
                List.of(beforeEnd(7200, 5400)));
        assertEquals(dec("0"), r.downtimeSeconds());
        assertEquals(0, r.outagesCounted());
        // 1800 s of 7200 s at a 0.1 % budget
        assertEquals(dec("250"), burn(r, "2h"));
        assertEquals(dec("0"), burn(r, "1h"));

        // to in the future: windows end at now; an open outage counts up to now
        Instant now = FROM.plus(Duration.ofDays(3));
        SlaReport running = SlaCalculator.report("dex", terms("0", Set.of(), 0, List.of()), FROM, TO, now,
                List.of(new Outage(now.minusSeconds(300), null, "x")));
        assertEquals(now, running.burnRates().evaluatedAt());
        assertEquals(dec("1000"), burn(running, "5m"));
        assertEquals(dec("300"), running.downtimeSeconds());
    }

    @Test
    void tenThousandOutagesOverAYear() {
        Instant from = Instant.parse("2025-01-01T00:00:00Z");
        Instant to = Instant.parse("2026-01-01T00:00:00Z");
        List<Outage> outages = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            // one every 3153.6 s, lasting 60 s: 600000 s in all
            Instant start = from.plusMillis(i * 3_153_600L);
            outages.add(new Outage(start, start.plusSeconds(60), "x"));
        }
        Collections.shuffle(outages, new java.util.Random(1));
        SlaTerms terms = new SlaTerms(dec("99.9"), SlaWindow.rolling(365), ZoneId.of("America/New_York"),
                dec("0.5"), Set.of(), 0, List.of(FLAT), null, AWS);
        SlaReport r = SlaCalculator.report("dex", terms, from, to, to, outages);
        assertEquals(dec("600000"), r.downtimeSeconds());
        assertEquals(10_000, r.outagesCounted());
        assertEquals("600000.00", r.revenueLoss().amount());
    }
}
