package io.downtime.sla.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.Test;

class VolumeProfileTest {

    static final long HOUR = 3_600_000L;

    /** 24 (or 168) values, all {@code other} except {@code value} at index {@code at}. */
    static List<String> profile(int size, int at, String value, String other) {
        List<String> values = new ArrayList<>(Collections.nCopies(size, other));
        values.set(at, value);
        return values;
    }

    static long ms(String instant) {
        return Instant.parse(instant).toEpochMilli();
    }

    /** @return the integral in volume-hours */
    static BigDecimal hours(VolumeProfile profile, String from, String to) {
        return profile.integral(ms(from), ms(to)).divide(BigDecimal.valueOf(HOUR));
    }

    static void assertDecimal(BigDecimal expected, BigDecimal actual) {
        assertEquals(0, expected.compareTo(actual), "expected " + expected + " but was " + actual);
    }

    @Test
    void hourOfDayInUtc() {
        List<String> byHour = new ArrayList<>();
        for (int h = 0; h < 24; h++) {
            byHour.add(Integer.toString(h));
        }
        VolumeProfile profile = new VolumeProfile(byHour, ZoneOffset.UTC);
        // 0 × 0.5 h + 1 × 1 h + 2 × 0.5 h = 2
        assertDecimal(new BigDecimal("2"), hours(profile, "2026-01-01T00:30:00Z", "2026-01-01T02:30:00Z"));
        // a whole day: 0 + 1 + … + 23 = 276; two days across midnight: 552
        assertDecimal(new BigDecimal("276"), hours(profile, "2026-01-01T00:00:00Z", "2026-01-02T00:00:00Z"));
        assertDecimal(new BigDecimal("552"), hours(profile, "2026-01-01T12:00:00Z", "2026-01-03T12:00:00Z"));
        // 1 ms of hour 23: 23 volume-milliseconds
        assertDecimal(new BigDecimal("23"), profile.integral(ms("2026-01-01T23:59:59.999Z"), ms("2026-01-02T00:00:00Z")));
    }

    @Test
    void hourOfWeekStartsOnMondayMidnight() {
        assertEquals(DayOfWeek.MONDAY, LocalDate.of(2026, 1, 5).getDayOfWeek());
        VolumeProfile profile = new VolumeProfile(profile(168, 0, "1000", "0"), ZoneOffset.UTC);
        assertDecimal(new BigDecimal("1000"), hours(profile, "2026-01-05T00:00:00Z", "2026-01-05T01:00:00Z"));
        assertDecimal(new BigDecimal("1000"), hours(profile, "2026-01-04T23:00:00Z", "2026-01-05T01:00:00Z"));
        assertDecimal(BigDecimal.ZERO, hours(profile, "2026-01-06T00:00:00Z", "2026-01-06T01:00:00Z"));
        // 10 weeks: 10 Monday first hours
        assertDecimal(new BigDecimal("10000"), hours(profile, "2026-01-01T00:00:00Z", "2026-03-12T00:00:00Z"));
        // Sunday 23:00 is the last hour of the week
        VolumeProfile sunday = new VolumeProfile(profile(168, 167, "7", "0"), ZoneOffset.UTC);
        assertDecimal(new BigDecimal("7"), hours(sunday, "2026-01-04T00:00:00Z", "2026-01-05T00:00:00Z"));
    }

    @Test
    void localHoursFollowTheZone() {
        // 09:00–10:00 in Tokyo (UTC+9, no DST) is 00:00–01:00Z
        VolumeProfile tokyo = new VolumeProfile(profile(24, 9, "1", "0"), ZoneId.of("Asia/Tokyo"));
        assertDecimal(BigDecimal.ONE, hours(tokyo, "2026-01-01T00:00:00Z", "2026-01-01T01:00:00Z"));
        assertDecimal(BigDecimal.ZERO, hours(tokyo, "2026-01-01T09:00:00Z", "2026-01-01T10:00:00Z"));
    }

    @Test
    void daylightSavingTimeSkipsOrRepeatsAnHour() {
        ZoneId berlin = ZoneId.of("Europe/Berlin");
        VolumeProfile profile = new VolumeProfile(profile(24, 2, "100", "0"), berlin);
        // a normal day in winter (CET, UTC+1): 02:00 local = 01:00Z
        assertDecimal(new BigDecimal("100"), hours(profile, "2026-03-27T23:00:00Z", "2026-03-28T23:00:00Z"));
        // 2026-03-29: 02:00 CET jumps to 03:00 CEST, hour 2 does not exist; the local day lasts 23 h
        assertDecimal(BigDecimal.ZERO, hours(profile, "2026-03-28T23:00:00Z", "2026-03-29T22:00:00Z"));
        // 2026-10-25: 03:00 CEST falls back to 02:00 CET, hour 2 happens twice; the local day lasts 25 h
        assertDecimal(new BigDecimal("200"), hours(profile, "2026-10-24T22:00:00Z", "2026-10-25T23:00:00Z"));
        // a year in Berlin: 365 days, one missing and one doubled hour 2
        assertDecimal(new BigDecimal("36500"), hours(profile, "2025-12-31T23:00:00Z", "2026-12-31T23:00:00Z"));
    }

    @Test
    void decimalsOfTheValuesAreKept() {
        VolumeProfile profile = new VolumeProfile(profile(24, 0, "0.125", "1.5"), ZoneOffset.UTC);
        assertEquals(3, profile.scale());
        // 0.125 × 1 + 1.5 × 23 = 34.625
        assertDecimal(new BigDecimal("34.625"), hours(profile, "2026-01-01T00:00:00Z", "2026-01-02T00:00:00Z"));
    }
}
