package io.downtime.incident.rest;

import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Optional body of {@code POST /api/v1/incidents/{id}/{acknowledge|mitigate|resolve}}.
 *
 * @param actor ignored (still accepted so that older clients are not refused): the actor recorded is the bearer
 *        token's subject
 * @param note free text for the timeline (≤ 4000 characters), may be absent
 */
public record TransitionRequest(
        @Schema(deprecated = true, description = "Ignored: the timeline actor is the bearer token's subject.") @Size(max = 200) String actor,
        @Size(max = 4000) String note) {
}
