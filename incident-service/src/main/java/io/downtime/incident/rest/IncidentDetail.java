package io.downtime.incident.rest;

import java.time.Instant;
import java.util.List;

import io.downtime.incident.domain.Incident;
import io.downtime.incident.domain.IncidentStatus;
import io.downtime.incident.service.IncidentWithTimeline;

/**
 * An incident with its timeline (oldest entry first), as returned by {@code GET /api/v1/incidents/{id}} and the
 * transition endpoints. Fields as in {@link IncidentSummary}.
 */
public record IncidentDetail(Long id, String service, IncidentStatus status, String reason, String dedupKey,
        Instant startedAt, Instant detectedAt, Instant acknowledgedAt, Instant mitigatedAt, Instant resolvedAt,
        Instant endedAt, List<TimelineEntryView> timeline) {

    static IncidentDetail from(IncidentWithTimeline it) {
        Incident i = it.incident();
        return new IncidentDetail(i.id, i.service, i.status, i.reason, i.dedupKey, i.startedAt, i.detectedAt,
                i.acknowledgedAt, i.mitigatedAt, i.resolvedAt, i.endedAt,
                it.timeline().stream().map(TimelineEntryView::from).toList());
    }
}
