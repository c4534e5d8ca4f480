package io.downtime.sla.model;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.OptionalInt;

/**
 * Parsing of SLA windows. Today a window is a rolling ISO-8601 duration of whole days, {@code P1D} to
 * {@code P366D}; anything {@link Duration#parse} accepts that is a whole number of days counts ({@code PT48H} is
 * {@code P2D}). Stored and returned normalised as {@code P<n>D}. Calendar windows ({@code calendar-month}) come later.
 */
public final class SlaWindows {

    /** Shortest window, in days. */
    public static final int MIN_DAYS = 1;
    /** Longest window, in days (a leap year). */
    public static final int MAX_DAYS = 366;

    private SlaWindows() {
    }

    /**
     * @return the number of days of {@code window}, or empty when it is not an ISO-8601 duration of whole days
     *         within [{@value #MIN_DAYS}, {@value #MAX_DAYS}]
     */
    public static OptionalInt days(String window) {
        if (window == null) {
            return OptionalInt.empty();
        }
        Duration duration;
        try {
            duration = Duration.parse(window);
        } catch (DateTimeParseException e) {
            return OptionalInt.empty();
        }
        if (duration.isNegative() || duration.toSeconds() % 86_400 != 0 || duration.getNano() != 0) {
            return OptionalInt.empty();
        }
        long days = duration.toDays();
        return days >= MIN_DAYS && days <= MAX_DAYS ? OptionalInt.of((int) days) : OptionalInt.empty();
    }

    /** @return the normalised form of a window of {@code days} days, e.g. {@code "P30D"} */
    public static String format(int days) {
        return "P" + days + "D";
    }
}
