package io.downtime.incident.rest;

import java.time.Instant;

import io.downtime.incident.domain.Outage;

/**
 * One outage, as read by sla-service.
 *
 * @param start earliest first bad probe of the confirming regions
 * @param end recovery, measured from probe data: when the last of the targets that were down fell back within the
 *        quorum (see {@code Quorum#recoveredAt}); {@code null} while the outage is open
 * @param reason reason of the signal that marks the start
 * @param incidentId the incident around it
 */
public record OutageView(Instant start, Instant end, String reason, Long incidentId) {

    static OutageView from(Outage o) {
        return new OutageView(o.startedAt, o.endedAt, o.reason, o.incidentId);
    }
}
