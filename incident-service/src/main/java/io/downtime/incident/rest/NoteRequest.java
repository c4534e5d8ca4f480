package io.downtime.incident.rest;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/**
 * Body of {@code POST /api/v1/incidents/{id}/notes}.
 *
 * @param actor who writes it (≤ 200 characters); {@code api} when absent
 * @param text the note, non-blank, ≤ 4000 characters
 */
public record NoteRequest(@Size(max = 200) @NoNul String actor, @NotBlank @Size(max = 4000) @NoNul String text) {
}
