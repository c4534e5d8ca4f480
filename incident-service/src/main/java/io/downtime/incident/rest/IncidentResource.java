package io.downtime.incident.rest;

import java.math.BigInteger;
import java.util.List;
import java.util.Locale;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

import io.downtime.common.problem.ProblemException;
import io.downtime.common.problem.ProblemMappers;
import io.downtime.common.security.Caller;
import io.downtime.incident.config.IncidentConfig;
import io.downtime.incident.domain.IncidentStatus;
import io.downtime.incident.service.IncidentService;
import io.downtime.incident.service.IncidentWithTimeline;
import io.smallrye.mutiny.Uni;

/**
 * Incidents: list, read, and the manual lifecycle transitions.
 * <p>
 * Object-level authorization (OWASP API1): a token with a {@code services} claim sees only incidents of those services
 * (the list is filtered before its limit); any other incident — read, changed, noted, postmortem — answers 404
 * problem+json exactly like an unknown id. The actor recorded in the timeline for a transition, note, edit or
 * postmortem is the token's subject ({@link Caller#name()}); an {@code actor} field in the body is ignored (kept only so
 * that older clients sending it are not refused).
 */
@Path("/api/v1/incidents")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "incidents", description = "Incident lifecycle and timeline")
public class IncidentResource {

    private final IncidentService incidents;
    private final IncidentConfig config;
    private final Caller caller;

    public IncidentResource(IncidentService incidents, IncidentConfig config, Caller caller) {
        this.incidents = incidents;
        this.config = config;
        this.caller = caller;
    }

    /**
     * Lists incidents, newest first (by {@code detectedAt}), of the services in the token's scope.
     *
     * @param service only this service (optional; outside the scope: an empty list)
     * @param status only this status (optional): TRIGGERED, ACKNOWLEDGED, MITIGATED or RESOLVED; else 400
     * @param limit at most this many (default and cap 200, configurable; larger values are capped); not an integer
     *        or below 1 → 400
     * @return {@code [{"id","service","status","reason","dedupKey","startedAt","detectedAt","acknowledgedAt",
     *         "mitigatedAt","resolvedAt","endedAt","severity","assignee","cause","causeSource","rootIncidentId",
     *         "paged"}]}
     */
    @GET
    @Operation(summary = "List incidents, newest first")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(type = SchemaType.ARRAY, implementation = IncidentSummary.class)))
    @APIResponse(responseCode = "400", description = "Unknown status or bad limit", content = @Content(mediaType = ProblemMappers.PROBLEM_JSON))
    public Uni<List<IncidentSummary>> list(@RestQuery String service,
            @Parameter(schema = @Schema(enumeration = { "TRIGGERED", "ACKNOWLEDGED", "MITIGATED",
                    "RESOLVED" })) @RestQuery String status,
            @Parameter(schema = @Schema(type = SchemaType.INTEGER, minimum = "1")) @RestQuery String limit) {
        IncidentStatus wanted = parseStatus(status);
        int size = parseLimit(limit, config.maxListSize());
        String serviceFilter = service == null || service.isBlank() ? null : service;
        return incidents.search(serviceFilter, wanted, size, caller.scope())
                .map(list -> list.stream().map(IncidentSummary::from).toList());
    }

    /**
     * One incident with its timeline.
     *
     * @return the incident; 404 problem+json when unknown or of a service outside the token's scope
     */
    @GET
    @Path("/{id}")
    @Operation(summary = "Get an incident with its timeline")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = IncidentDetail.class)))
    @APIResponse(responseCode = "404", description = "Unknown id, or an incident of a service outside the token's services claim", content = @Content(mediaType = ProblemMappers.PROBLEM_JSON))
    public Uni<IncidentDetail> get(@RestPath long id) {
        return incidents.get(id, caller.scope()).map(this::detail);
    }

    /**
     * Acknowledges a TRIGGERED incident: status ACKNOWLEDGED, {@code acknowledgedAt} = now.
     *
     * @return the incident; 404 unknown id or outside the token's scope; 409 when not TRIGGERED
     */
    @POST
    @Path("/{id}/acknowledge")
    @Operation(summary = "Acknowledge an incident (TRIGGERED → ACKNOWLEDGED)")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = IncidentDetail.class)))
    @APIResponse(responseCode = "404", description = "Unknown id, or an incident of a service outside the token's services claim", content = @Content(mediaType = ProblemMappers.PROBLEM_JSON))
    @APIResponse(responseCode = "409", description = "Illegal transition", content = @Content(mediaType = ProblemMappers.PROBLEM_JSON))
    public Uni<IncidentDetail> acknowledge(@RestPath long id, @Valid TransitionRequest body) {
        return transition(id, IncidentStatus.ACKNOWLEDGED, body);
    }

    /**
     * Marks an incident MITIGATED (from TRIGGERED or ACKNOWLEDGED), {@code mitigatedAt} = now.
     *
     * @return the incident; 404 unknown id or outside the token's scope; 409 when MITIGATED or RESOLVED
     */
    @POST
    @Path("/{id}/mitigate")
    @Operation(summary = "Mark an incident mitigated (TRIGGERED/ACKNOWLEDGED → MITIGATED)")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = IncidentDetail.class)))
    @APIResponse(responseCode = "404", description = "Unknown id, or an incident of a service outside the token's services claim", content = @Content(mediaType = ProblemMappers.PROBLEM_JSON))
    @APIResponse(responseCode = "409", description = "Illegal transition", content = @Content(mediaType = ProblemMappers.PROBLEM_JSON))
    public Uni<IncidentDetail> mitigate(@RestPath long id, @Valid TransitionRequest body) {
        return transition(id, IncidentStatus.MITIGATED, body);
    }

    /**
     * Resolves an open incident by hand, {@code resolvedAt} = now. Does not end the outage: outages are measured
     * from probe data.
     *
     * @return the incident; 404 unknown id or outside the token's scope; 409 when already RESOLVED
     */
    @POST
    @Path("/{id}/resolve")
    @Operation(summary = "Resolve an incident by hand (→ RESOLVED); the outage is not ended")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = IncidentDetail.class)))
    @APIResponse(responseCode = "404", description = "Unknown id, or an incident of a service outside the token's services claim", content = @Content(mediaType = ProblemMappers.PROBLEM_JSON))
    @APIResponse(responseCode = "409", description = "Already resolved", content = @Content(mediaType = ProblemMappers.PROBLEM_JSON))
    public Uni<IncidentDetail> resolve(@RestPath long id, @Valid TransitionRequest body) {
        return transition(id, IncidentStatus.RESOLVED, body);
    }

    /**
     * Appends a note to the timeline.
     *
     * @param body {@code {"text"}}; text non-blank, ≤ 4000 characters (422 otherwise); the author is the token's
     *        subject ({@code actor} in the body is ignored)
     * @return the incident; 404 unknown id or outside the token's scope
     */
    @POST
    @Path("/{id}/notes")
    @Operation(summary = "Add a note to the incident timeline")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = IncidentDetail.class)))
    @APIResponse(responseCode = "404", description = "Unknown id, or an incident of a service outside the token's services claim", content = @Content(mediaType = ProblemMappers.PROBLEM_JSON))
    @APIResponse(responseCode = "422", description = "Invalid note", content = @Content(mediaType = ProblemMappers.PROBLEM_JSON))
    public Uni<IncidentDetail> note(@RestPath long id, @Valid @NotNull NoteRequest body) {
        return incidents.note(id, actor(), body.text().strip(), caller.scope()).map(this::detail);
    }

    /**
     * Edits severity, assignee, cause and the impact/detection/acknowledge times; each change is recorded in the
     * timeline ({@code old -> new}) by the token's subject.
     *
     * @return the incident; 404 unknown id or outside the token's scope; 422 unknown severity/cause, contradicting times
     *         (startedAt after endedAt
     *         or detectedAt, detectedAt after acknowledgedAt), acknowledgedAt of an incident never acknowledged
     */
    @PATCH
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Edit severity, assignee, cause or times (recorded in the timeline)")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = IncidentDetail.class)))
    @APIResponse(responseCode = "404", description = "Unknown id, or an incident of a service outside the token's services claim", content = @Content(mediaType = ProblemMappers.PROBLEM_JSON))
    @APIResponse(responseCode = "422", description = "Invalid change", content = @Content(mediaType = ProblemMappers.PROBLEM_JSON))
    public Uni<IncidentDetail> update(@RestPath long id, @Valid @NotNull IncidentUpdateRequest body) {
        return incidents.update(id, actor(), body.toChanges(), caller.scope()).map(this::detail);
    }

    /**
     * Writes or replaces the postmortem of a RESOLVED incident.
     *
     * @return the incident; 404 unknown id or outside the token's scope; 409 while not RESOLVED; 422 invalid fields
     */
    @PUT
    @Path("/{id}/postmortem")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Write the postmortem of a resolved incident")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = IncidentDetail.class)))
    @APIResponse(responseCode = "404", description = "Unknown id, or an incident of a service outside the token's services claim", content = @Content(mediaType = ProblemMappers.PROBLEM_JSON))
    @APIResponse(responseCode = "409", description = "Not resolved yet", content = @Content(mediaType = ProblemMappers.PROBLEM_JSON))
    @APIResponse(responseCode = "422", description = "Invalid postmortem", content = @Content(mediaType = ProblemMappers.PROBLEM_JSON))
    public Uni<IncidentDetail> postmortem(@RestPath long id, @Valid @NotNull PostmortemRequest body) {
        return incidents.postmortem(id, actor(), body.toPostmortem(), caller.scope()).map(this::detail);
    }

    private IncidentDetail detail(IncidentWithTimeline it) {
        return IncidentDetail.from(it, incidents.postmortemOf(it.incident()));
    }

    /**
     * The timeline actor: the token's subject, never the request body (a body could name anyone). The configured
     * default ({@code downtime.incident.default-actor}) only for a request without a named subject.
     */
    private String actor() {
        String name = caller.name();
        return name == null ? config.defaultActor() : name.length() > 200 ? name.substring(0, 200) : name;
    }

    private Uni<IncidentDetail> transition(long id, IncidentStatus next, TransitionRequest body) {
        String note = body == null ? null : body.note();
        return incidents.transition(id, next, actor(), note, caller.scope()).map(this::detail);
    }

    /**
     * Parses {@code limit} here rather than letting JAX-RS convert it: a failed conversion of a query parameter is a
     * 404 there, but a bad parameter is the client's mistake (400).
     */
    private static int parseLimit(String limit, int max) {
        if (limit == null || limit.isBlank()) {
            return max;
        }
        String value = limit.strip();
        if (!value.matches("[+-]?\\d+")) {
            throw ProblemException.badRequest("limit must be an integer from 1 to " + max + ", got '" + limit + "'.");
        }
        BigInteger parsed = new BigInteger(value);
        if (parsed.signum() < 1) {
            throw ProblemException.badRequest("limit must be at least 1, got " + value + ".");
        }
        return parsed.min(BigInteger.valueOf(max)).intValueExact();
    }

    private static IncidentStatus parseStatus(String status) {
        if (status == null || status.isBlank()) {
            return null;
        }
        try {
            return IncidentStatus.valueOf(status.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest(
                    "Unknown status '" + status + "'; expected one of TRIGGERED, ACKNOWLEDGED, MITIGATED, RESOLVED.");
        }
    }
}
