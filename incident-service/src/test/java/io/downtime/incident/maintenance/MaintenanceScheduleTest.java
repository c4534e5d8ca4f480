package io.downtime.incident.maintenance;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import io.downtime.incident.domain.MaintenanceWindow;

class MaintenanceScheduleTest {

    private static MaintenanceWindow rrule(String rule, String dtstart, long seconds, String zone) {
        MaintenanceWindow w = new MaintenanceWindow();
        w.rrule = rule;
        w.startsAt = Instant.parse(dtstart);
        w.durationSeconds = seconds;
        w.timezone = zone;
        return w;
    }

    @Test
    void weeklyRruleOnSundaysInItsZone() {
        // DTSTART Sunday 2021-01-03 02:00 New York (EST, UTC-5) = 07:00 UTC; 2 hours every Sunday
        MaintenanceWindow w = rrule("FREQ=WEEKLY;BYDAY=SU", "2021-01-03T07:00:00Z", 7200, "America/New_York");
        assertTrue(MaintenanceSchedule.contains(w, Instant.parse("2021-01-03T07:00:00Z")));
        assertTrue(MaintenanceSchedule.contains(w, Instant.parse("2021-01-17T08:59:59Z")));
        assertFalse(MaintenanceSchedule.contains(w, Instant.parse("2021-01-17T09:00:00Z")));
        assertFalse(MaintenanceSchedule.contains(w, Instant.parse("2021-01-18T07:30:00Z")), "a Monday");
        assertFalse(MaintenanceSchedule.contains(w, Instant.parse("2021-01-03T06:59:59Z")), "before DTSTART");
        // summer time: 02:00 EDT = 06:00 UTC
        assertTrue(MaintenanceSchedule.contains(w, Instant.parse("2021-07-04T06:30:00Z")));
    }

    @Test
    void cronAndOneOff() {
        MaintenanceWindow cron = new MaintenanceWindow();
        cron.cron = "30 1 * * MON";
        cron.durationSeconds = 1800L;
        cron.timezone = "UTC";
        assertTrue(MaintenanceSchedule.contains(cron, Instant.parse("2021-01-04T01:30:00Z")));
        assertTrue(MaintenanceSchedule.contains(cron, Instant.parse("2021-01-04T01:59:59Z")));
        assertFalse(MaintenanceSchedule.contains(cron, Instant.parse("2021-01-04T02:00:00Z")));
        assertFalse(MaintenanceSchedule.contains(cron, Instant.parse("2021-01-05T01:45:00Z")));

        MaintenanceWindow once = new MaintenanceWindow();
        once.startsAt = Instant.parse("2021-01-01T00:00:00Z");
        once.endsAt = Instant.parse("2021-01-01T01:00:00Z");
        assertTrue(MaintenanceSchedule.contains(once, Instant.parse("2021-01-01T00:00:00Z")));
        assertFalse(MaintenanceSchedule.contains(once, Instant.parse("2021-01-01T01:00:00Z")));
        assertTrue(MaintenanceSchedule.checkCron("61 * * * *").isPresent());
        assertTrue(MaintenanceSchedule.checkRrule("RRULE:FREQ=DAILY").isEmpty());
    }
}
