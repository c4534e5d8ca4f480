package io.downtime.sla.report;

import java.time.Instant;
import java.util.Objects;

/**
 * An input outage of {@link SlaCalculator}: the half-open interval {@code [start, end)} in which the service was
 * down or degraded.
 *
 * @param start when it began; required
 * @param end when it ended, or {@code null} while still open (counts up to {@code min(to, now)})
 * @param reason machine-readable reason, copied to the report
 * @param state {@link State#DOWN} (the default) or {@link State#DEGRADED}
 * @param cause incident-service's cause category ({@code MAINTENANCE}, {@code CONSENSUS_DISRUPTION}, …) or
 *        {@code null} when unknown
 * @param maintenance whether incident-service flagged the outage as inside a declared maintenance window
 * @param incidentId the incident around the outage, or {@code null}
 */
public record Outage(Instant start, Instant end, String reason, State state, String cause, boolean maintenance,
        Long incidentId) {

    /** How bad an outage is. */
    public enum State {
        /** The service is down for users: every second counts. */
        DOWN,
        /** The service works but badly: each second counts {@code degradedWeight} of a second. */
        DEGRADED
    }

    public Outage {
        Objects.requireNonNull(start, "start");
        state = state == null ? State.DOWN : state;
    }

    /** A {@code DOWN} outage without cause, maintenance flag or incident. */
    public Outage(Instant start, Instant end, String reason) {
        this(start, end, reason, State.DOWN, null, false, null);
    }
}
