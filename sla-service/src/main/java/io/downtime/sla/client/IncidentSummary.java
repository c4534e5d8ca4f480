package io.downtime.sla.client;

import java.time.Instant;

/**
 * An incident as incident-service lists it ({@code GET /api/v1/incidents}); only the fields the status page shows.
 * Unknown fields are ignored.
 *
 * @param id incident id
 * @param service service name
 * @param status {@code TRIGGERED}, {@code ACKNOWLEDGED}, {@code MITIGATED} or {@code RESOLVED}
 * @param reason machine-readable reason, e.g. {@code head_stale}
 * @param startedAt start of the outage (UTC)
 * @param detectedAt when incident-service opened the incident (UTC)
 */
public record IncidentSummary(Long id, String service, String status, String reason, Instant startedAt,
        Instant detectedAt) {
}
