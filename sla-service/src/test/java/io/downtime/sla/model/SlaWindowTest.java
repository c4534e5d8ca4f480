package io.downtime.sla.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

class SlaWindowTest {

    static final ZoneId UTC = ZoneOffset.UTC;

    static Instant at(String instant) {
        return Instant.parse(instant);
    }

    static SlaWindow window(String text) {
        return SlaWindow.parse(text).orElseThrow();
    }

    @Test
    void rollingWindowsAreWholeDays() {
        assertEquals("P7D", window("P7D").text());
        assertEquals(28, window("P28D").days());
        assertEquals("P2D", window("PT48H").text());
        assertFalse(window("P30D").isCalendar());
        for (String bad : new String[] { "P0D", "P367D", "PT1H", "P1DT1H", "-P30D", "calendar-year", "CALENDAR-MONTH",
                "30", "" }) {
            assertTrue(SlaWindow.parse(bad).isEmpty(), bad);
        }
    }

    @Test
    void calendarWindowsHaveNominalDays() {
        assertEquals(30, window("calendar-month").days());
        assertEquals(7, window("calendar-week").days());
        assertTrue(window("calendar-week").isCalendar());
    }

    @Test
    void calendarMonthFollowsTheZoneAndItsDaylightSavingTime() {
        // New York: EST (−5) until 2026-03-08, EDT (−4) after: March starts at 05:00Z and ends at 04:00Z
        SlaWindow.Range march = window("calendar-month").calendarWindow(at("2026-03-15T12:00:00Z"),
                ZoneId.of("America/New_York"));
        assertEquals(at("2026-03-01T05:00:00Z"), march.from());
        assertEquals(at("2026-04-01T04:00:00Z"), march.to());
        assertEquals(Duration.ofDays(31).minusHours(1), Duration.between(march.from(), march.to()));

        // Berlin, October 2026: 31 days and one hour (back to CET on the 25th)
        SlaWindow.Range october = window("calendar-month").calendarWindow(at("2026-10-10T00:00:00Z"),
                ZoneId.of("Europe/Berlin"));
        assertEquals(at("2026-09-30T22:00:00Z"), october.from());
        assertEquals(at("2026-10-31T23:00:00Z"), october.to());

        // the same instant is still February in UTC but already March in Tokyo
        Instant instant = at("2026-02-28T20:00:00Z");
        assertEquals(at("2026-02-01T00:00:00Z"), window("calendar-month").calendarWindow(instant, UTC).from());
        assertEquals(at("2026-02-28T15:00:00Z"),
                window("calendar-month").calendarWindow(instant, ZoneId.of("Asia/Tokyo")).from());
    }

    @Test
    void calendarWeekStartsOnMondayInTheZone() {
        // 2026-11-22T20:00Z is Sunday in UTC but Monday 05:00 in Tokyo
        Instant instant = at("2026-11-22T20:00:00Z");
        SlaWindow.Range utc = window("calendar-week").calendarWindow(instant, UTC);
        assertEquals(at("2026-11-16T00:00:00Z"), utc.from());
        assertEquals(at("2026-11-23T00:00:00Z"), utc.to());
        SlaWindow.Range tokyo = window("calendar-week").calendarWindow(instant, ZoneId.of("Asia/Tokyo"));
        assertEquals(at("2026-11-22T15:00:00Z"), tokyo.from());
        assertEquals(at("2026-11-29T15:00:00Z"), tokyo.to());
    }

    @Test
    void defaultPeriods() {
        Instant now = at("2026-03-15T12:00:00Z");
        SlaWindow rolling = window("P7D");
        assertEquals(new SlaWindow.Range(at("2026-03-08T12:00:00Z"), now), rolling.period(null, null, now, UTC));
        assertEquals(new SlaWindow.Range(at("2026-02-22T00:00:00Z"), at("2026-03-01T00:00:00Z")),
                rolling.period(null, at("2026-03-01T00:00:00Z"), now, UTC));
        assertEquals(new SlaWindow.Range(at("2026-03-01T00:00:00Z"), now),
                rolling.period(at("2026-03-01T00:00:00Z"), null, now, UTC));

        SlaWindow month = window("calendar-month");
        // neither: the month in progress, its end in the future
        assertEquals(new SlaWindow.Range(at("2026-03-01T00:00:00Z"), at("2026-04-01T00:00:00Z")),
                month.period(null, null, now, UTC));
        // only to: from the start of the month before to (to = 1 February gives January)
        assertEquals(new SlaWindow.Range(at("2026-01-01T00:00:00Z"), at("2026-02-01T00:00:00Z")),
                month.period(null, at("2026-02-01T00:00:00Z"), now, UTC));
        // only from: to the end of its month
        assertEquals(new SlaWindow.Range(at("2026-01-10T00:00:00Z"), at("2026-02-01T00:00:00Z")),
                month.period(at("2026-01-10T00:00:00Z"), null, now, UTC));
        // both: as given
        assertEquals(new SlaWindow.Range(at("2026-01-10T00:00:00Z"), at("2026-01-11T00:00:00Z")),
                month.period(at("2026-01-10T00:00:00Z"), at("2026-01-11T00:00:00Z"), now, UTC));
    }
}
