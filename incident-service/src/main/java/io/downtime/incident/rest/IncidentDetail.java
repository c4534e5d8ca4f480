package io.downtime.incident.rest;

import java.time.Instant;
import java.util.List;

import io.downtime.incident.domain.Cause;
import io.downtime.incident.domain.Incident;
import io.downtime.incident.domain.IncidentStatus;
import io.downtime.incident.service.IncidentWithTimeline;
import io.downtime.incident.service.Postmortem;

/**
 * An incident with its timeline (oldest entry first), as returned by {@code GET /api/v1/incidents/{id}} and the
 * transition endpoints. Fields as in {@link IncidentSummary}, plus the {@code postmortem} (null until written) and
 * {@code postmortemUpdatedAt}.
 */
public record IncidentDetail(Long id, String service, IncidentStatus status, String reason, String dedupKey,
        Instant startedAt, Instant detectedAt, Instant acknowledgedAt, Instant mitigatedAt, Instant resolvedAt,
        Instant endedAt, String severity, String assignee, Cause cause, String causeSource, Long rootIncidentId,
        boolean paged, Postmortem postmortem, Instant postmortemUpdatedAt, List<TimelineEntryView> timeline) {

    static IncidentDetail from(IncidentWithTimeline it, Postmortem postmortem) {
        Incident i = it.incident();
        return new IncidentDetail(i.id, i.service, i.status, i.reason, i.dedupKey, i.startedAt, i.detectedAt,
                i.acknowledgedAt, i.mitigatedAt, i.resolvedAt, i.endedAt, i.severity, i.assignee, i.cause, i.causeSource,
                i.rootIncidentId, i.paged, postmortem, i.postmortemUpdatedAt,
                it.timeline().stream().map(TimelineEntryView::from).toList());
    }
}
