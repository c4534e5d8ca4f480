package io.downtime.incident.rest;

import java.time.Instant;
import java.util.Locale;

import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.downtime.incident.domain.Cause;
import io.downtime.incident.domain.Severity;
import io.downtime.incident.service.IncidentChanges;

/**
 * Body of {@code PATCH /api/v1/incidents/{id}}; absent fields stay unchanged.
 * <p>
 * Triage fields only (OWASP API3, mass assignment): {@code id}, {@code status}, {@code dedupKey}, {@code paged},
 * {@code rootIncidentId}, {@code resolvedAt}, {@code mitigatedAt} and the timeline are server-owned and not fields of
 * this body: sent anyway, they are ignored ({@code MassAssignmentTest}). {@code detectedAt} and {@code acknowledgedAt} are
 * accepted on purpose: they
 * correct when a human really noticed or took the page (e.g. acknowledged by phone before anyone called the API), and
 * they feed MTTD/MTTA; every change is recorded in the append-only timeline as {@code old -> new} under the token's
 * subject, and contradictory times give 422.
 *
 * @param actor ignored (still accepted so that older clients are not refused): the editor recorded is the bearer
 *        token's subject
 * @param severity {@code critical}, {@code error}, {@code warning} or {@code info} (any case)
 * @param assignee new assignee (≤ 200 characters); empty string clears it
 * @param cause one of {@code TECHNICAL_FAILURE, NETWORK_CONGESTION, SECURITY_INCIDENT, MAINTENANCE, SMART_CONTRACT,
 *        CONSENSUS_DISRUPTION, DEPENDENCY, UNKNOWN} (any case)
 * @param startedAt impact start (ISO-8601 instant)
 * @param endedAt impact end
 * @param detectedAt detection time
 * @param acknowledgedAt acknowledge time
 */
public record IncidentUpdateRequest(
        @Schema(deprecated = true, description = "Ignored: the timeline actor is the bearer token's subject.") @Size(max = 200) @NoNul String actor,
        @Pattern(regexp = "(?i)critical|error|warning|info", message = "must be one of critical, error, warning, info") String severity,
        @Size(max = 200) @NoNul String assignee,
        @Pattern(regexp = "(?i)TECHNICAL_FAILURE|NETWORK_CONGESTION|SECURITY_INCIDENT|MAINTENANCE|SMART_CONTRACT|CONSENSUS_DISRUPTION|DEPENDENCY|UNKNOWN", message = "must be one of TECHNICAL_FAILURE, NETWORK_CONGESTION, SECURITY_INCIDENT, MAINTENANCE, SMART_CONTRACT, CONSENSUS_DISRUPTION, DEPENDENCY, UNKNOWN") String cause,
        @InstantInRange Instant startedAt,
        @InstantInRange Instant endedAt,
        @InstantInRange Instant detectedAt,
        @InstantInRange Instant acknowledgedAt) {

    IncidentChanges toChanges() {
        return new IncidentChanges(
                severity == null ? null : Severity.valueOf(severity.toUpperCase(Locale.ROOT)),
                assignee,
                cause == null ? null : Cause.valueOf(cause.toUpperCase(Locale.ROOT)),
                startedAt, endedAt, detectedAt, acknowledgedAt);
    }
}
