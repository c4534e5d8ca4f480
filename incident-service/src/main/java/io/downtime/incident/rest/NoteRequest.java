package io.downtime.incident.rest;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Body of {@code POST /api/v1/incidents/{id}/notes}.
 *
 * @param actor ignored (still accepted so that older clients are not refused): the author recorded is the bearer
 *        token's subject
 * @param text the note, non-blank, ≤ 4000 characters
 */
public record NoteRequest(
        @Schema(deprecated = true, description = "Ignored: the timeline actor is the bearer token's subject.") @Size(max = 200) @NoNul String actor,
        @NotBlank @Size(max = 4000) @NoNul String text) {
}
