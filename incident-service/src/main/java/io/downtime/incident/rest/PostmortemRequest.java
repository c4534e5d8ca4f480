package io.downtime.incident.rest;

import java.time.LocalDate;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.downtime.incident.service.Postmortem;

/**
 * Body of {@code PUT /api/v1/incidents/{id}/postmortem}.
 *
 * @param actor ignored (still accepted so that older clients are not refused): the author recorded is the bearer
 *        token's subject
 * @param summary what happened and its impact, non-blank, ≤ 20000 characters
 * @param rootCause root cause, ≤ 20000 characters
 * @param contributingFactors ≤ 100 factors, each non-blank, ≤ 2000 characters
 * @param actionItems ≤ 100 follow-ups
 */
public record PostmortemRequest(
        @Schema(deprecated = true, description = "Ignored: the timeline actor is the bearer token's subject.") @Size(max = 200) @NoNul String actor,
        @NotBlank @Size(max = 20000) @NoNul String summary,
        @Size(max = 20000) @NoNul String rootCause,
        @Size(max = 100) List<@NotBlank @Size(max = 2000) String> contributingFactors,
        @Size(max = 100) List<@Valid ActionItem> actionItems) {

    /**
     * One follow-up.
     *
     * @param description what to do, non-blank, ≤ 2000 characters
     * @param owner who (≤ 200 characters), may be null
     * @param dueDate ISO date, may be null
     * @param done whether it is done (default false)
     */
    public record ActionItem(@NotBlank @Size(max = 2000) @NoNul String description, @Size(max = 200) @NoNul String owner,
            LocalDate dueDate, boolean done) {
    }

    Postmortem toPostmortem() {
        return new Postmortem(summary.strip(), rootCause,
                contributingFactors == null ? List.of() : List.copyOf(contributingFactors),
                actionItems == null ? List.of()
                        : actionItems.stream()
                                .map(a -> new Postmortem.ActionItem(a.description(), a.owner(), a.dueDate(), a.done()))
                                .toList());
    }
}
