package io.downtime.incident.rest;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;

import jakarta.validation.constraints.Size;
import jakarta.ws.rs.GET;
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
import io.downtime.incident.service.OutageService;
import io.smallrye.mutiny.Uni;

/** Outages of a service, the input of sla-service. */
@Path("/api/v1/services/{service}/outages")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "outages", description = "Outage intervals per service")
public class ServiceOutageResource {

    private final OutageService outages;
    private final Caller caller;

    public ServiceOutageResource(OutageService outages, Caller caller) {
        this.outages = outages;
        this.caller = caller;
    }

    /**
     * Outages of the service overlapping {@code [from, to)}, ordered by start.
     *
     * @param service service name; unknown services have no outages (empty list); a service outside the token's
     *        {@code services} claim: 404 problem+json
     * @param from ISO-8601 instant, inclusive; default the epoch
     * @param to ISO-8601 instant, exclusive; default now
     * @return {@code [{"start","end"|null,"reason","incidentId"}]}; 400 problem+json for an unparsable instant, an
     *         instant outside the years 1970 to 9999, or {@code from >= to}
     */
    @GET
    @Operation(summary = "Outages of a service overlapping [from, to)")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(type = SchemaType.ARRAY, implementation = OutageView.class)))
    @APIResponse(responseCode = "400", description = "Bad from/to (unparsable, outside 1970-9999, from >= to)", content = @Content(mediaType = ProblemMappers.PROBLEM_JSON))
    @APIResponse(responseCode = "404", description = "Service outside the token's services claim", content = @Content(mediaType = ProblemMappers.PROBLEM_JSON))
    public Uni<List<OutageView>> list(@RestPath @Size(max = 200) @NoNul String service,
            @Parameter(description = "ISO-8601 instant, inclusive; default epoch") @RestQuery String from,
            @Parameter(description = "ISO-8601 instant, exclusive; default now") @RestQuery String to) {
        Instant start = parse("from", from, Instant.EPOCH);
        Instant end = parse("to", to, Instant.now());
        if (!start.isBefore(end)) {
            throw ProblemException.badRequest("from (" + start + ") must be before to (" + end + ").");
        }
        return outages.overlapping(service, start, end, caller.scope())
                .map(list -> list.stream().map(OutageView::from).toList());
    }

    private static Instant parse(String name, String value, Instant fallback) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        Instant instant;
        try {
            instant = Instant.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw ProblemException.badRequest(
                    name + " '" + value + "' is not an ISO-8601 instant (e.g. 2026-11-21T05:40:00Z).");
        }
        if (!InstantBounds.contains(instant)) {
            throw ProblemException.badRequest(name + " '" + value + "' must be " + InstantBounds.RANGE + ".");
        }
        return instant;
    }
}
