package io.downtime.incident.maintenance;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Optional;
import java.util.TimeZone;

import org.dmfs.rfc5545.DateTime;
import org.dmfs.rfc5545.recur.InvalidRecurrenceRuleException;
import org.dmfs.rfc5545.recur.RecurrenceRule;
import org.dmfs.rfc5545.recur.RecurrenceRuleIterator;

import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;

import io.downtime.incident.domain.MaintenanceWindow;

/**
 * When a maintenance window is in effect. One-off: {@code [startsAt, endsAt)}. Recurring: each occurrence starts at
 * a {@code cron} execution time (Unix cron, 5 fields, read by cron-utils in {@code timezone}) or an RFC 5545
 * {@code rrule} occurrence (lib-recur, DTSTART = {@code startsAt} in {@code timezone}) and lasts
 * {@code durationSeconds}: {@code [occurrence, occurrence + duration)}.
 */
public final class MaintenanceSchedule {

    private static final CronParser CRON = new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX));

    /** Upper bound of RRULE occurrences looked at per check (a rule with a tiny interval cannot loop for long). */
    private static final int MAX_OCCURRENCES = 10_000;

    private MaintenanceSchedule() {
    }

    /**
     * Checks a cron expression.
     *
     * @return an error message, or empty when valid
     */
    public static Optional<String> checkCron(String cron) {
        try {
            CRON.parse(cron).validate();
            return Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.of("cron '" + cron + "' is not a valid Unix cron expression (5 fields): " + e.getMessage());
        }
    }

    /**
     * Checks a recurrence rule.
     *
     * @return an error message, or empty when valid
     */
    public static Optional<String> checkRrule(String rrule) {
        try {
            new RecurrenceRule(strip(rrule));
            return Optional.empty();
        } catch (InvalidRecurrenceRuleException | IllegalArgumentException e) {
            return Optional.of("rrule '" + rrule + "' is not a valid RFC 5545 recurrence rule: " + e.getMessage());
        }
    }

    /**
     * Whether {@code at} lies inside the window.
     *
     * @param window a validated window
     * @param at the instant (e.g. an outage start)
     */
    public static boolean contains(MaintenanceWindow window, Instant at) {
        if (window.cron == null && window.rrule == null) {
            return !at.isBefore(window.startsAt) && at.isBefore(window.endsAt);
        }
        Duration duration = Duration.ofSeconds(window.durationSeconds);
        ZoneId zone = ZoneId.of(window.timezone);
        if (window.cron != null) {
            ExecutionTime execution = ExecutionTime.forCron(CRON.parse(window.cron));
            // the last occurrence start at or before 'at'
            ZonedDateTime probe = at.atZone(zone).plusSeconds(1);
            Optional<ZonedDateTime> last = execution.lastExecution(probe);
            return last.map(start -> !start.toInstant().isAfter(at) && start.toInstant().plus(duration).isAfter(at))
                    .orElse(false);
        }
        try {
            RecurrenceRule rule = new RecurrenceRule(strip(window.rrule));
            RecurrenceRuleIterator it = rule.iterator(new DateTime(TimeZone.getTimeZone(zone), window.startsAt.toEpochMilli()));
            it.fastForward(at.minus(duration).toEpochMilli());
            for (int i = 0; i < MAX_OCCURRENCES && it.hasNext(); i++) {
                long start = it.nextMillis();
                if (start > at.toEpochMilli()) {
                    return false;
                }
                if (start + duration.toMillis() > at.toEpochMilli()) {
                    return true;
                }
            }
            return false;
        } catch (InvalidRecurrenceRuleException e) {
            return false;
        }
    }

    private static String strip(String rrule) {
        String r = rrule.strip();
        return r.regionMatches(true, 0, "RRULE:", 0, 6) ? r.substring(6) : r;
    }
}
