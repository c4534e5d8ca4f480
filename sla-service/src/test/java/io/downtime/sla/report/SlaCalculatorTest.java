package io.downtime.sla.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.downtime.sla.model.CreditTier;
import io.downtime.sla.model.Revenue;

class SlaCalculatorTest {

    static final Instant FROM = Instant.parse("2026-01-01T00:00:00Z");
    static final Instant TO = FROM.plus(Duration.ofDays(30));
    static final Instant NOW = Instant.parse("2026-06-01T00:00:00Z");
    static final List<CreditTier> AWS = List.of(tier("99.99", "10"), tier("99.0", "30"), tier("95.0", "100"));
    static final SlaTerms TERMS = new SlaTerms(dec("99.9"), new Revenue("flat", "3600.00", "USD"), AWS);

    static BigDecimal dec(String value) {
        return new BigDecimal(value);
    }

    static CreditTier tier(String below, String credit) {
        return new CreditTier(dec(below), dec(credit));
    }

    static Instant at(long secondsAfterFrom) {
        return FROM.plusSeconds(secondsAfterFrom);
    }

    static Outage outage(long start, Long end) {
        return new Outage(at(start), end == null ? null : at(end), "head_stale");
    }

    static SlaReport report(Outage... outages) {
        return SlaCalculator.report("dex", TERMS, FROM, TO, NOW, List.of(outages));
    }

    @Test
    void emptyListIsFullAvailability() {
        SlaReport r = report();
        assertEquals(dec("100"), r.availabilityPercent());
        assertEquals(dec("0"), r.downtimeSeconds());
        assertEquals(dec("2592000"), r.periodSeconds());
        assertEquals(dec("2592"), r.errorBudget().totalSeconds());
        assertEquals(dec("0"), r.errorBudget().spentSeconds());
        assertEquals(dec("2592"), r.errorBudget().remainingSeconds());
        assertEquals("0.00", r.revenueLoss().amount());
        assertEquals(dec("0"), r.creditPercent());
        assertTrue(r.outages().isEmpty());
        assertEquals(1.0, r.availabilityRatio());
    }

    @Test
    void outagesFullyOutsideOrTouchingTheEdgesDoNotCount() {
        long end = Duration.between(FROM, TO).toSeconds();
        SlaReport r = report(outage(-7200, -3600L), outage(-3600, 0L), outage(end, end + 60), outage(end + 60, null),
                outage(end + 3600, end + 7200));
        assertEquals(dec("0"), r.downtimeSeconds());
        assertEquals(dec("100"), r.availabilityPercent());
        assertTrue(r.outages().isEmpty());
    }

    @Test
    void outagesAreClippedToThePeriod() {
        long end = Duration.between(FROM, TO).toSeconds();
        SlaReport r = report(outage(-600, 600L), outage(end - 300, end + 300));
        assertEquals(dec("900"), r.downtimeSeconds());
        assertEquals(FROM, r.outages().get(0).start());
        assertEquals(at(600), r.outages().get(0).end());
        assertEquals(dec("600"), r.outages().get(0).seconds());
        assertEquals(TO, r.outages().get(1).end());
        assertEquals(dec("300"), r.outages().get(1).seconds());
    }

    @Test
    void outageCoveringTheWholePeriodIsZeroAvailability() {
        SlaReport r = report(outage(-1, null));
        assertEquals(dec("0"), r.availabilityPercent());
        assertEquals(dec("2592000"), r.downtimeSeconds());
        assertEquals(dec("-2589408"), r.errorBudget().remainingSeconds());
        assertEquals(dec("100"), r.creditPercent());
        assertEquals("2592000.00", r.revenueLoss().amount());
    }

    @Test
    void overlappingNestedAndAdjoiningOutagesAreMerged() {
        SlaReport r = report(
                outage(1000, 2000L), // [1000, 2000)
                outage(1200, 1300L), // nested
                outage(1500, 2500L), // overlapping → [1000, 2500)
                outage(2500, 2600L), // adjoining → [1000, 2600)
                outage(5000, 5100L), // separate
                outage(4990, 5000L)); // adjoining before, listed out of order
        assertEquals(dec("1710"), r.downtimeSeconds());
        assertEquals(6, r.outages().size());
        assertEquals(at(1000), r.outages().get(0).start());
        assertEquals(at(4990), r.outages().get(4).start());
    }

    @Test
    void identicalOutagesCountOnce() {
        assertEquals(dec("60"), report(outage(0, 60L), outage(0, 60L), outage(0, 60L)).downtimeSeconds());
    }

    @Test
    void openOutageCountsUpToTheEarlierOfToAndNow() {
        SlaReport pastPeriod = report(outage(100, null));
        assertEquals(dec("2591900"), pastPeriod.downtimeSeconds());
        assertTrue(pastPeriod.outages().get(0).open());
        assertEquals(TO, pastPeriod.outages().get(0).end());

        Instant now = at(3600);
        SlaReport current = SlaCalculator.report("dex", TERMS, FROM, TO, now, List.of(outage(600, null)));
        assertEquals(dec("3000"), current.downtimeSeconds());
        assertEquals(now, current.outages().get(0).end());

        SlaReport future = SlaCalculator.report("dex", TERMS, FROM, TO, now, List.of(outage(7200, null)));
        assertEquals(dec("0"), future.downtimeSeconds());
        assertTrue(future.outages().isEmpty());
    }

    @Test
    void millisecondsAreKept() {
        Outage o = new Outage(FROM.plusMillis(1), FROM.plusMillis(1235), "x");
        SlaReport r = report(o);
        assertEquals(dec("1.234"), r.downtimeSeconds());
        assertEquals(dec("2590.766"), r.errorBudget().remainingSeconds());
        // 3600.00 × 1.234 / 3600 = 1.234 → 1.23
        assertEquals("1.23", r.revenueLoss().amount());
        assertEquals(dec("99.999952"), r.availabilityPercent());
    }

    @Test
    void nanosecondsAreTruncatedToMilliseconds() {
        Outage o = new Outage(FROM.plusNanos(999_999), FROM.plusNanos(2_999_999), "x");
        assertEquals(dec("0.002"), report(o).downtimeSeconds());
    }

    @Test
    void revenueIsRateTimesDowntimeRoundedHalfEven() {
        SlaTerms cent = new SlaTerms(dec("99.9"), new Revenue("flat", "0.01", "USD"), List.of());
        // 0.01 × 1800 / 3600 = 0.005 → 0.00 half-even (half-up would give 0.01)
        assertEquals("0.00",
                SlaCalculator.report("dex", cent, FROM, TO, NOW, List.of(outage(0, 1800L))).revenueLoss().amount());
        // 0.01 × 5400 / 3600 = 0.015 → 0.02
        assertEquals("0.02",
                SlaCalculator.report("dex", cent, FROM, TO, NOW, List.of(outage(0, 5400L))).revenueLoss().amount());

        SlaTerms odd = new SlaTerms(dec("99.9"), new Revenue("flat", "1234.56", "USDC"), List.of());
        SlaReport r = SlaCalculator.report("dex", odd, FROM, TO, NOW, List.of(outage(0, 1234L)));
        // 1234.56 × 1234 / 3600 = 423.1797…
        assertEquals("423.18", r.revenueLoss().amount());
        assertEquals("USDC", r.revenueLoss().currency());
    }

    @Test
    void revenueKeepsTheDecimalsOfTheHourlyAmountAndAtLeastTwo() {
        SlaTerms eth = new SlaTerms(dec("99.9"), new Revenue("flat", "0.0004", "ETH"), List.of());
        // 0.0004 × 1800 / 3600 = 0.0002 (rounded to 2 decimals this was 0.00)
        assertEquals("0.0002",
                SlaCalculator.report("dex", eth, FROM, TO, NOW, List.of(outage(0, 1800L))).revenueLoss().amount());
        // 0.0004 × 1234 / 3600 = 0.000137… → 0.0001
        assertEquals("0.0001",
                SlaCalculator.report("dex", eth, FROM, TO, NOW, List.of(outage(0, 1234L))).revenueLoss().amount());
        // 0.0004 × 450 / 3600 = 0.00005 → 0.0000 half-even
        assertEquals("0.0000",
                SlaCalculator.report("dex", eth, FROM, TO, NOW, List.of(outage(0, 450L))).revenueLoss().amount());
        assertEquals("0.0000", SlaCalculator.report("dex", eth, FROM, TO, NOW, List.of()).revenueLoss().amount());
        // 0.0004 × 1350 / 3600 = 0.00015 → 0.0002 half-even
        assertEquals("0.0002",
                SlaCalculator.report("dex", eth, FROM, TO, NOW, List.of(outage(0, 1350L))).revenueLoss().amount());

        // fewer than 2 decimals still give 2
        SlaTerms whole = new SlaTerms(dec("99.9"), new Revenue("flat", "3600", "USD"), List.of());
        assertEquals("1800.00",
                SlaCalculator.report("dex", whole, FROM, TO, NOW, List.of(outage(0, 1800L))).revenueLoss().amount());
        SlaTerms oneDecimal = new SlaTerms(dec("99.9"), new Revenue("flat", "12.5", "USDC"), List.of());
        assertEquals("0.01",
                SlaCalculator.report("dex", oneDecimal, FROM, TO, NOW, List.of(outage(0, 3L))).revenueLoss().amount());
    }

    @Test
    void noRevenueModelMeansNoRevenueLoss() {
        SlaTerms terms = new SlaTerms(dec("99.9"), null, null);
        SlaReport r = SlaCalculator.report("dex", terms, FROM, TO, NOW, List.of(outage(0, 60L)));
        assertNull(r.revenueLoss());
        assertEquals(dec("0"), r.creditPercent());
    }

    @Test
    void creditTierBoundaries() {
        // 99.99 % of 30 days leaves 259.2 s
        assertEquals(dec("0"), report(new Outage(FROM, FROM.plusMillis(259_200), "x")).creditPercent());
        assertEquals(dec("99.99"), report(new Outage(FROM, FROM.plusMillis(259_200), "x")).availabilityPercent());
        assertEquals(dec("10"), report(new Outage(FROM, FROM.plusMillis(259_201), "x")).creditPercent());
        // exactly 99.0 % → still the 10 % tier; just below → 30 %
        assertEquals(dec("10"), report(outage(0, 25_920L)).creditPercent());
        assertEquals(dec("30"), report(new Outage(FROM, FROM.plusMillis(25_920_001), "x")).creditPercent());
        // exactly 95 % → 30 %; below → 100 %
        assertEquals(dec("30"), report(outage(0, 129_600L)).creditPercent());
        assertEquals(dec("100"), report(outage(0, 129_601L)).creditPercent());
    }

    @Test
    void creditTierChoiceDoesNotDependOnListOrder() {
        List<CreditTier> reversed = new ArrayList<>(AWS);
        java.util.Collections.reverse(reversed);
        SlaTerms terms = new SlaTerms(dec("99.9"), null, reversed);
        assertEquals(dec("30"),
                SlaCalculator.report("dex", terms, FROM, TO, NOW, List.of(outage(0, 30_000L))).creditPercent());
    }

    @Test
    void belowPercentOf100AppliesToAnyDowntime() {
        SlaTerms terms = new SlaTerms(dec("99.9"), null, List.of(tier("100", "5")));
        assertEquals(dec("0"), SlaCalculator.report("dex", terms, FROM, TO, NOW, List.of()).creditPercent());
        assertEquals(dec("5"), SlaCalculator.report("dex", terms, FROM, TO, NOW,
                List.of(new Outage(FROM, FROM.plusMillis(1), "x"))).creditPercent());
    }

    @Test
    void errorBudgetFollowsTheObjective() {
        SlaTerms terms = new SlaTerms(dec("99.95"), null, List.of());
        SlaReport r = SlaCalculator.report("dex", terms, FROM, TO, NOW, List.of(outage(0, 1000L)));
        // (1 − 0.9995) × 2592000 = 1296
        assertEquals(dec("1296"), r.errorBudget().totalSeconds());
        assertEquals(dec("1000"), r.errorBudget().spentSeconds());
        assertEquals(dec("296"), r.errorBudget().remainingSeconds());
    }

    @Test
    void emptyPeriodIsRejected() {
        assertThrows(IllegalArgumentException.class,
                () -> SlaCalculator.report("dex", TERMS, FROM, FROM, NOW, List.of()));
        assertThrows(IllegalArgumentException.class,
                () -> SlaCalculator.report("dex", TERMS, TO, FROM, NOW, List.of()));
    }

    @Test
    void mergeIsLinearithmicOnManyOutages() {
        List<Outage> many = new ArrayList<>();
        for (int i = 100_000; i > 0; i--) {
            many.add(outage(i * 10L, i * 10L + 5));
        }
        SlaReport r = SlaCalculator.report("dex", TERMS, FROM, TO, NOW, many);
        assertEquals(dec("500000"), r.downtimeSeconds());
    }
}
