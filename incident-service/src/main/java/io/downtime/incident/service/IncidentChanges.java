package io.downtime.incident.service;

import java.time.Instant;

import io.downtime.incident.domain.Cause;
import io.downtime.incident.domain.Severity;

/**
 * Human edits of an incident; null fields stay unchanged. Each change is recorded in the timeline ({@code old -> new}).
 * The times are the incident's (MTTD/MTTA/MTTR read them); its outages keep their probe-measured intervals, which
 * are what sla-service prices.
 *
 * @param severity new severity
 * @param assignee new assignee; blank clears it
 * @param cause new cause (becomes a human cause: never overwritten automatically); also set on the incident's outages
 * @param startedAt impact start
 * @param endedAt impact end
 * @param detectedAt detection time
 * @param acknowledgedAt acknowledge time (only of an acknowledged incident)
 */
public record IncidentChanges(Severity severity, String assignee, Cause cause, Instant startedAt, Instant endedAt,
        Instant detectedAt, Instant acknowledgedAt) {
}
