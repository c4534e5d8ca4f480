package io.downtime.sla.report;

import java.time.Instant;
import java.util.Objects;

/**
 * An input outage of {@link SlaCalculator}: the half-open interval {@code [start, end)} in which the service was
 * down.
 *
 * @param start when it began; required
 * @param end when it ended, or {@code null} while still open (counts up to {@code min(to, now)})
 * @param reason machine-readable reason, copied to the report
 */
public record Outage(Instant start, Instant end, String reason) {

    public Outage {
        Objects.requireNonNull(start, "start");
    }
}
