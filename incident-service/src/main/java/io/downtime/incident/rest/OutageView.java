package io.downtime.incident.rest;

import java.time.Instant;

import io.downtime.incident.domain.Cause;
import io.downtime.incident.domain.Outage;

/**
 * One outage, as read by sla-service.
 *
 * @param start earliest first bad probe of the confirming regions
 * @param end recovery, measured from probe data: when the last of the targets that were down fell back within the
 *        quorum (see {@code Quorum#recoveredAt}); {@code null} while the outage is open
 * @param reason reason of the signal that marks the start
 * @param incidentId the incident around it
 * @param state {@code DOWN} (the quorum says the service is down for users)
 * @param cause cause category; {@code MAINTENANCE} inside a maintenance window
 * @param maintenance whether the outage started inside a maintenance window (sla-service may exclude it)
 */
public record OutageView(Instant start, Instant end, String reason, Long incidentId, String state, Cause cause,
        boolean maintenance) {

    static OutageView from(Outage o) {
        return new OutageView(o.startedAt, o.endedAt, o.reason, o.incidentId, o.state, o.cause, o.maintenance);
    }
}
