package io.downtime.incident.rest;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import io.downtime.common.problem.ProblemException;
import io.downtime.incident.domain.MaintenanceWindow;
import io.downtime.incident.maintenance.MaintenanceSchedule;

/**
 * Body of {@code POST /api/v1/maintenance-windows} and {@code PUT /api/v1/maintenance-windows/{id}}. Exactly one kind:
 * <ul>
 * <li>one-off: {@code startsAt} and {@code endsAt} (after it);</li>
 * <li>cron: {@code cron} (Unix, 5 fields, e.g. {@code "0 2 * * SUN"}) + {@code durationSeconds} + {@code timezone};</li>
 * <li>RRULE: {@code rrule} (RFC 5545, e.g. {@code "FREQ=WEEKLY;BYDAY=SU"}) + {@code startsAt} (its DTSTART: first
 * occurrence, time of day) + {@code durationSeconds} + {@code timezone}.</li>
 * </ul>
 *
 * @param service the service (≤ 200 characters); absent: all services
 * @param title what is maintained, non-blank, ≤ 500 characters
 * @param startsAt one-off start / RRULE DTSTART
 * @param endsAt one-off end
 * @param cron Unix cron expression of the occurrence starts
 * @param rrule RFC 5545 recurrence rule of the occurrence starts
 * @param durationSeconds length of each occurrence, 1 s to 31 days
 * @param timezone IANA zone the recurrence is read in (e.g. {@code Europe/Berlin}, {@code UTC})
 */
public record MaintenanceWindowRequest(
        @Size(max = 200) @NoNul String service,
        @NotBlank @Size(max = 500) @NoNul String title,
        @InstantInRange Instant startsAt,
        @InstantInRange Instant endsAt,
        @Size(max = 200) @NoNul String cron,
        @Size(max = 1000) @NoNul String rrule,
        @Min(1) @Max(31L * 24 * 3600) Long durationSeconds,
        @Size(max = 100) @NoNul String timezone) {

    /** @throws ProblemException 422 when the fields do not make exactly one valid kind of window */
    MaintenanceWindow toWindow() {
        MaintenanceWindow w = new MaintenanceWindow();
        w.service = service == null || service.isBlank() ? null : service.strip();
        w.title = title.strip();
        boolean hasCron = cron != null && !cron.isBlank();
        boolean hasRrule = rrule != null && !rrule.isBlank();
        if (hasCron && hasRrule) {
            throw ProblemException.unprocessable("Give either cron or rrule, not both.");
        }
        if (!hasCron && !hasRrule) {
            if (startsAt == null || endsAt == null) {
                throw ProblemException.unprocessable("A one-off window needs startsAt and endsAt (or give cron/rrule).");
            }
            if (!endsAt.isAfter(startsAt)) {
                throw ProblemException.unprocessable("endsAt (" + endsAt + ") must be after startsAt (" + startsAt + ").");
            }
            if (durationSeconds != null || timezone != null) {
                throw ProblemException.unprocessable("durationSeconds and timezone belong to recurring windows only.");
            }
            w.startsAt = startsAt;
            w.endsAt = endsAt;
            return w;
        }
        if (durationSeconds == null || timezone == null || timezone.isBlank()) {
            throw ProblemException.unprocessable("A recurring window needs durationSeconds and timezone.");
        }
        try {
            ZoneId.of(timezone.strip());
        } catch (DateTimeException e) {
            throw ProblemException.unprocessable("timezone '" + timezone + "' is not an IANA zone id.");
        }
        if (endsAt != null) {
            throw ProblemException.unprocessable("endsAt belongs to one-off windows; recurring ones use durationSeconds.");
        }
        if (hasCron) {
            if (startsAt != null) {
                throw ProblemException.unprocessable("startsAt is not used with cron (occurrences start at its times).");
            }
            MaintenanceSchedule.checkCron(cron.strip()).ifPresent(e -> {
                throw ProblemException.unprocessable(e);
            });
            w.cron = cron.strip();
        } else {
            if (startsAt == null) {
                throw ProblemException.unprocessable("An rrule window needs startsAt (its DTSTART).");
            }
            MaintenanceSchedule.checkRrule(rrule.strip()).ifPresent(e -> {
                throw ProblemException.unprocessable(e);
            });
            w.rrule = rrule.strip();
            w.startsAt = startsAt;
        }
        w.durationSeconds = durationSeconds;
        w.timezone = timezone.strip();
        return w;
    }
}
