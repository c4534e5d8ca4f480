package io.downtime.incident.rest;

import jakarta.validation.constraints.Size;

/**
 * Optional body of {@code POST /api/v1/incidents/{id}/{acknowledge|mitigate|resolve}}.
 *
 * @param actor who does it (≤ 200 characters); {@code api} (configurable) when absent or blank
 * @param note free text for the timeline (≤ 4000 characters), may be absent
 */
public record TransitionRequest(@Size(max = 200) String actor, @Size(max = 4000) String note) {
}
