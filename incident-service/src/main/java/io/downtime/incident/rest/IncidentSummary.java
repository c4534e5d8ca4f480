package io.downtime.incident.rest;

import java.time.Instant;

import io.downtime.incident.domain.Incident;
import io.downtime.incident.domain.IncidentStatus;

/**
 * An incident without its timeline, as listed by {@code GET /api/v1/incidents}. Instants are ISO-8601 UTC;
 * absent ones are {@code null}.
 *
 * @param startedAt start of the outage (earliest first bad probe of the confirming regions)
 * @param detectedAt server time at which the incident was opened
 * @param resolvedAt server time at which the incident was resolved (by hand or automatically); null while open
 * @param endedAt end of the outage as measured from probe data; null while the service is down
 */
public record IncidentSummary(Long id, String service, IncidentStatus status, String reason, String dedupKey,
        Instant startedAt, Instant detectedAt, Instant acknowledgedAt, Instant mitigatedAt, Instant resolvedAt,
        Instant endedAt) {

    static IncidentSummary from(Incident i) {
        return new IncidentSummary(i.id, i.service, i.status, i.reason, i.dedupKey, i.startedAt, i.detectedAt,
                i.acknowledgedAt, i.mitigatedAt, i.resolvedAt, i.endedAt);
    }
}
