package io.downtime.sla.model;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.time.temporal.TemporalAdjusters;
import java.util.Objects;
import java.util.Optional;

/**
 * The window an SLA is measured over, and so the default period of its reports and the window its error budget and
 * burn-rate factors refer to. Two kinds:
 * <ul>
 * <li><b>rolling</b>: an ISO-8601 duration of whole days from {@code P1D} to {@code P366D} ({@code P7D},
 * {@code P28D}, {@code P30D}; anything {@link Duration#parse} accepts that is a whole number of days counts, so
 * {@code PT48H} is {@code P2D}); written back normalised as {@code P<n>D}. The default report period is the window
 * ending now.</li>
 * <li><b>calendar</b>: {@code calendar-month} (first day of the month 00:00 to the first of the next month) or
 * {@code calendar-week} (ISO week: Monday 00:00 to the next Monday 00:00), both in the SLA's time zone, so a month
 * in {@code America/New_York} starts at 05:00Z in winter and 04:00Z in summer and may be an hour shorter or longer
 * than its days. The error budget resets at the start of each calendar window; the default report period is the
 * calendar window containing now (its end lies in the future).</li>
 * </ul>
 *
 * @param text the window as written back, e.g. {@code "P30D"} or {@code "calendar-month"}
 * @param calendar {@code null} for a rolling window, else {@code "calendar-month"} or {@code "calendar-week"}
 * @param days the length in days of a rolling window; for calendar windows the nominal length that burn-rate
 *        factors scale with: 30 for {@code calendar-month}, 7 for {@code calendar-week}
 */
public record SlaWindow(String text, String calendar, int days) {

    /** Shortest rolling window, in days. */
    public static final int MIN_DAYS = 1;
    /** Longest rolling window, in days (a leap year). */
    public static final int MAX_DAYS = 366;
    /** Calendar month in the SLA's time zone. */
    public static final String CALENDAR_MONTH = "calendar-month";
    /** ISO calendar week (Monday to Monday) in the SLA's time zone. */
    public static final String CALENDAR_WEEK = "calendar-week";

    public SlaWindow {
        Objects.requireNonNull(text, "text");
    }

    /** A rolling window of {@code days} days. */
    public static SlaWindow rolling(int days) {
        if (days < MIN_DAYS || days > MAX_DAYS) {
            throw new IllegalArgumentException("rolling window of " + days + " days");
        }
        return new SlaWindow("P" + days + "D", null, days);
    }

    /**
     * @param window {@code calendar-month}, {@code calendar-week} or an ISO-8601 duration of whole days within
     *        [{@value #MIN_DAYS}, {@value #MAX_DAYS}]
     * @return the window, or empty when {@code window} is none of these
     */
    public static Optional<SlaWindow> parse(String window) {
        if (window == null) {
            return Optional.empty();
        }
        if (CALENDAR_MONTH.equals(window)) {
            return Optional.of(new SlaWindow(CALENDAR_MONTH, CALENDAR_MONTH, 30));
        }
        if (CALENDAR_WEEK.equals(window)) {
            return Optional.of(new SlaWindow(CALENDAR_WEEK, CALENDAR_WEEK, 7));
        }
        Duration duration;
        try {
            duration = Duration.parse(window);
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
        if (duration.isNegative() || duration.toSeconds() % 86_400 != 0 || duration.getNano() != 0) {
            return Optional.empty();
        }
        long days = duration.toDays();
        return days >= MIN_DAYS && days <= MAX_DAYS ? Optional.of(rolling((int) days)) : Optional.empty();
    }

    /** @return whether the budget resets at calendar boundaries */
    public boolean isCalendar() {
        return calendar != null;
    }

    /**
     * The calendar window containing {@code at}: {@code [start, end)} in {@code zone}.
     *
     * @throws IllegalStateException for a rolling window
     */
    public Range calendarWindow(Instant at, ZoneId zone) {
        LocalDate day = at.atZone(zone).toLocalDate();
        LocalDate start;
        LocalDate end;
        if (CALENDAR_MONTH.equals(calendar)) {
            start = day.withDayOfMonth(1);
            end = start.plusMonths(1);
        } else if (CALENDAR_WEEK.equals(calendar)) {
            start = day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
            end = start.plusWeeks(1);
        } else {
            throw new IllegalStateException("not a calendar window: " + text);
        }
        return new Range(start.atStartOfDay(zone).toInstant(), end.atStartOfDay(zone).toInstant());
    }

    /**
     * The report period for the given (optional) bounds.
     * <ul>
     * <li>Rolling: {@code to} defaults to {@code now}, {@code from} to {@code to} minus the window.</li>
     * <li>Calendar, neither given: the calendar window containing {@code now}. Only {@code to}: from the start of
     * the calendar window containing the instant just before {@code to} (so {@code to=2026-02-01T00:00:00Z} gives
     * January). Only {@code from}: to the end of the calendar window containing {@code from}. Both: as given.</li>
     * </ul>
     * The result may be empty or inverted when explicit bounds are; the caller rejects that.
     */
    public Range period(Instant from, Instant to, Instant now, ZoneId zone) {
        if (from != null && to != null) {
            return new Range(from, to);
        }
        if (!isCalendar()) {
            Instant end = to != null ? to : now;
            return new Range(from != null ? from : end.minus(Duration.ofDays(days)), end);
        }
        if (from != null) {
            return new Range(from, calendarWindow(from, zone).to());
        }
        if (to != null) {
            return new Range(calendarWindow(to.minusMillis(1), zone).from(), to);
        }
        return calendarWindow(now, zone);
    }

    /**
     * A half-open interval of time {@code [from, to)}.
     *
     * @param from inclusive start
     * @param to exclusive end
     */
    public record Range(Instant from, Instant to) {
    }
}
