package io.downtime.sla.client;

import java.time.Instant;

/**
 * One outage as incident-service returns it from {@code GET /api/v1/services/{service}/outages}: an interval in
 * which the service was down for users.
 *
 * @param start when the outage began (UTC)
 * @param end when recovery was confirmed, or {@code null} while the outage is still open
 * @param reason machine-readable reason, e.g. {@code head_stale}
 * @param incidentId the incident around the outage, if any
 */
public record IncidentOutage(Instant start, Instant end, String reason, Long incidentId) {
}
