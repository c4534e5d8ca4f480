package io.downtime.sla.report;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneId;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.List;

/**
 * A volume per hour that repeats every day (24 values, hour of day) or every week (168 values, hour of week, Monday
 * 00:00–01:00 first), in local time of a zone. {@link #integral} integrates it over an interval of real time in
 * closed form: within a stretch of constant UTC offset, local time runs with real time, so the integral is
 * {@code F(local end) − F(local start)} with {@code F(x) = whole cycles × cycle sum + sum of the whole hours before x
 * in its cycle + the rate of x's hour × the part of it before x}; daylight saving transitions split an interval into
 * such stretches (a spring-forward hour that does not exist locally costs nothing, an autumn hour that happens twice
 * costs twice). O(number of transitions), independent of the interval's length.
 */
final class VolumeProfile {

    private static final long HOUR = 3_600_000L;
    /** Local epoch day 0 (1970-01-01) is a Thursday: shifting by 3 days makes 0 a Monday 00:00. */
    private static final long MONDAY_SHIFT = 3 * 86_400_000L;

    private final BigDecimal[] rates;
    /** {@code before[h]} = sum of rates of hours 0 … h-1, times an hour in ms. */
    private final BigDecimal[] before;
    private final BigDecimal cycle;
    private final long cycleMillis;
    private final ZoneRules rules;
    private final long fixedOffsetMillis;
    private final int scale;

    /**
     * @param hourlyVolume 24 or 168 non-negative decimal strings
     * @param zone the zone whose local hours the values belong to
     */
    VolumeProfile(List<String> hourlyVolume, ZoneId zone) {
        int hours = hourlyVolume.size();
        if (hours != 24 && hours != 168) {
            throw new IllegalArgumentException("hourly volume needs 24 or 168 values, not " + hours);
        }
        rates = new BigDecimal[hours];
        before = new BigDecimal[hours];
        BigDecimal hour = BigDecimal.valueOf(HOUR);
        BigDecimal sum = BigDecimal.ZERO;
        int maxScale = 0;
        for (int h = 0; h < hours; h++) {
            rates[h] = new BigDecimal(hourlyVolume.get(h));
            maxScale = Math.max(maxScale, rates[h].scale());
            before[h] = sum.multiply(hour);
            sum = sum.add(rates[h]);
        }
        cycle = sum.multiply(hour);
        cycleMillis = hours * HOUR;
        rules = zone.getRules();
        fixedOffsetMillis = rules.isFixedOffset() ? rules.getOffset(Instant.EPOCH).getTotalSeconds() * 1000L : 0;
        scale = maxScale;
    }

    /** @return the most fraction digits of any value as written (the precision money is kept to) */
    int scale() {
        return scale;
    }

    /** @return the integral of the volume over {@code [from, to)} in (volume per hour) × milliseconds */
    BigDecimal integral(long from, long to) {
        if (to <= from) {
            return BigDecimal.ZERO;
        }
        if (rules.isFixedOffset()) {
            return at(to + fixedOffsetMillis).subtract(at(from + fixedOffsetMillis));
        }
        BigDecimal sum = BigDecimal.ZERO;
        long cursor = from;
        while (cursor < to) {
            Instant instant = Instant.ofEpochMilli(cursor);
            long offset = rules.getOffset(instant).getTotalSeconds() * 1000L;
            ZoneOffsetTransition next = rules.nextTransition(instant);
            long pieceEnd = next == null ? to : Math.min(to, next.toEpochSecond() * 1000L);
            sum = sum.add(at(pieceEnd + offset).subtract(at(cursor + offset)));
            cursor = pieceEnd;
        }
        return sum;
    }

    /** {@code F(local)}: the integral from the cycle origin to local time {@code localMillis}. */
    private BigDecimal at(long localMillis) {
        long x = localMillis + MONDAY_SHIFT;
        long cycles = Math.floorDiv(x, cycleMillis);
        long within = Math.floorMod(x, cycleMillis);
        int h = (int) (within / HOUR);
        long rest = within % HOUR;
        return cycle.multiply(BigDecimal.valueOf(cycles)).add(before[h]).add(rates[h].multiply(BigDecimal.valueOf(rest)));
    }
}
