package io.downtime.sla.client;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * One outage as incident-service returns it from {@code GET /api/v1/services/{service}/outages}: an interval in
 * which the service was down (or degraded) for users. The foundation returns {@code start}, {@code end},
 * {@code reason} and {@code incidentId}; {@code state}, {@code cause} and {@code maintenance} are read when present
 * (the incident lifecycle adds them), and unknown properties are ignored.
 *
 * @param start when the outage began (UTC)
 * @param end when recovery was confirmed, or {@code null} while the outage is still open
 * @param reason machine-readable reason, e.g. {@code head_stale}
 * @param incidentId the incident around the outage, if any
 * @param state {@code DOWN} or {@code DEGRADED}; {@code null} means {@code DOWN}
 * @param cause cause category ({@code TECHNICAL_FAILURE}, {@code MAINTENANCE}, {@code CONSENSUS_DISRUPTION}, …) or
 *        {@code null}
 * @param maintenance whether the outage lies in a declared maintenance window; {@code null} means {@code false}
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record IncidentOutage(Instant start, Instant end, String reason, Long incidentId, String state, String cause,
        Boolean maintenance) {

    /** The foundation's shape: a {@code DOWN} outage without cause or maintenance flag. */
    public IncidentOutage(Instant start, Instant end, String reason, Long incidentId) {
        this(start, end, reason, incidentId, null, null, null);
    }
}
