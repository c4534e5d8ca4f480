package io.downtime.incident.rest;

import java.time.Instant;

import io.downtime.incident.domain.Cause;
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
 * @param severity {@code critical}, {@code error}, {@code warning} or {@code info}
 * @param assignee who is on it; null when nobody
 * @param cause cause category ({@code TECHNICAL_FAILURE}, {@code CONSENSUS_DISRUPTION}, {@code DEPENDENCY}, …)
 * @param causeSource {@code SUGGESTED} (from signals) or {@code HUMAN}
 * @param rootIncidentId for a cascade, the incident of the dependency whose outage explains this one; else null
 * @param paged false for cascades and maintenance outages (nobody is paged for them)
 */
public record IncidentSummary(Long id, String service, IncidentStatus status, String reason, String dedupKey,
        Instant startedAt, Instant detectedAt, Instant acknowledgedAt, Instant mitigatedAt, Instant resolvedAt,
        Instant endedAt, String severity, String assignee, Cause cause, String causeSource, Long rootIncidentId,
        boolean paged) {

    static IncidentSummary from(Incident i) {
        return new IncidentSummary(i.id, i.service, i.status, i.reason, i.dedupKey, i.startedAt, i.detectedAt,
                i.acknowledgedAt, i.mitigatedAt, i.resolvedAt, i.endedAt, i.severity, i.assignee, i.cause, i.causeSource,
                i.rootIncidentId, i.paged);
    }
}
