package io.downtime.incident.integration;

import java.util.List;

/**
 * Answer to an Alertmanager notification (Alertmanager ignores it; it helps whoever debugs the route).
 *
 * @param alerts one entry per alert of the payload, in order
 */
public record AlertmanagerResult(List<AlertOutcome> alerts) {

    /**
     * @param change {@code OPENED}, {@code UPDATED}, {@code UNCHANGED}, {@code RESOLVED} or {@code DROPPED} (resolved
     *        alert without open incident)
     * @param incidentId the incident, null when dropped
     */
    public record AlertOutcome(String fingerprint, String status, String service, String dedupKey,
            IntegrationIncidents.Change change, Long incidentId) {
    }
}
