package io.downtime.incident.rest;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;
import org.jboss.resteasy.reactive.RestResponse;

import io.downtime.common.problem.ProblemException;
import io.downtime.common.problem.ProblemMappers;
import io.downtime.common.security.Caller;
import io.downtime.incident.service.ServiceCatalog;
import io.downtime.incident.service.ServiceMetrics;
import io.smallrye.mutiny.Uni;

/**
 * Services: components (k of n targets), dependencies, current health, MTTD/MTTA/MTTR.
 * <p>
 * Object-level authorization (OWASP API1): a token with a {@code services} claim lists only those services; reading
 * another one (definition, status, metrics) answers 404 problem+json like an unknown name, and creating, replacing or
 * deleting another one answers 403 problem+json (decided from the name alone, before anything is read, so it does not
 * reveal whether the service exists).
 */
@Path("/api/v1/services")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "services", description = "Service model (reliability block diagram), health and incident metrics")
public class ServiceResource {

    private final ServiceCatalog catalog;
    private final ServiceMetrics metrics;
    private final Caller caller;

    public ServiceResource(ServiceCatalog catalog, ServiceMetrics metrics, Caller caller) {
        this.catalog = catalog;
        this.metrics = metrics;
        this.caller = caller;
    }

    /**
     * @return every known service (configured, or only seen in signals: {@code configured=false}) in the token's
     *         scope, by name
     */
    @GET
    @Operation(summary = "List services")
    public Uni<List<ServiceCatalog.Definition>> list() {
        return catalog.list(caller.scope());
    }

    /**
     * Configures a service (also one so far only seen in signals).
     *
     * @return 201 with the definition; 403 when the name is outside the token's scope; 409 when already configured;
     *         422 invalid fields, unknown or cyclic {@code dependsOn}
     */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Configure a service")
    @APIResponse(responseCode = "201")
    @APIResponse(responseCode = "403", description = "Service outside the token's services claim", content = @Content(mediaType = ProblemMappers.PROBLEM_JSON))
    @APIResponse(responseCode = "409", description = "Already configured", content = @Content(mediaType = ProblemMappers.PROBLEM_JSON))
    @APIResponse(responseCode = "422", description = "Invalid service", content = @Content(mediaType = ProblemMappers.PROBLEM_JSON))
    public Uni<RestResponse<ServiceCatalog.Definition>> create(@Valid @NotNull ServiceRequest body) {
        if (body.name() == null || body.name().isBlank()) {
            throw ProblemException.unprocessable("name must not be blank.");
        }
        String name = body.name().strip();
        return catalog.save(name, body.description(), body.toComponents(), body.toDependsOn(name), true, caller.scope())
                .map(d -> RestResponse.ResponseBuilder.<ServiceCatalog.Definition> created(
                        URI.create("/api/v1/services/" + URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20")))
                        .entity(d).build());
    }

    /** @return the definition; 404 when unknown or outside the token's scope */
    @GET
    @Path("/{name}")
    @Operation(summary = "Get a service's definition")
    @APIResponse(responseCode = "404", description = "Unknown service", content = @Content(mediaType = ProblemMappers.PROBLEM_JSON))
    public Uni<ServiceCatalog.Definition> get(@RestPath @Size(max = 200) @NoNul String name) {
        return catalog.get(name, caller.scope());
    }

    /**
     * Creates or replaces a service's configuration.
     *
     * @return the definition; 403 when the name is outside the token's scope; 422 as for POST
     */
    @PUT
    @Path("/{name}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create or replace a service's configuration")
    @APIResponse(responseCode = "403", description = "Service outside the token's services claim", content = @Content(mediaType = ProblemMappers.PROBLEM_JSON))
    @APIResponse(responseCode = "422", description = "Invalid service", content = @Content(mediaType = ProblemMappers.PROBLEM_JSON))
    public Uni<ServiceCatalog.Definition> put(@RestPath @Size(max = 200) @NoNul String name,
            @Valid @NotNull ServiceRequest body) {
        if (body.name() != null && !body.name().isBlank() && !body.name().strip().equals(name)) {
            throw ProblemException.unprocessable("name '" + body.name() + "' differs from the path '" + name + "'.");
        }
        if (name.isBlank() || name.length() > 200) {
            throw ProblemException.unprocessable("name must be 1 to 200 characters.");
        }
        return catalog.save(name, body.description(), body.toComponents(), body.toDependsOn(name), false, caller.scope());
    }

    /**
     * Removes the configuration (components, dependencies); incidents and outages stay, signals keep working.
     *
     * @return 204; 403 when outside the token's scope; 404 when unknown or not configured; 409 while another service
     *         depends on it
     */
    @DELETE
    @Path("/{name}")
    @Operation(summary = "Remove a service's configuration")
    @APIResponse(responseCode = "204")
    @APIResponse(responseCode = "403", description = "Service outside the token's services claim", content = @Content(mediaType = ProblemMappers.PROBLEM_JSON))
    @APIResponse(responseCode = "404", description = "Unknown service", content = @Content(mediaType = ProblemMappers.PROBLEM_JSON))
    @APIResponse(responseCode = "409", description = "Others depend on it", content = @Content(mediaType = ProblemMappers.PROBLEM_JSON))
    public Uni<RestResponse<Void>> delete(@RestPath @Size(max = 200) @NoNul String name) {
        return catalog.unconfigure(name, caller.scope()).map(v -> RestResponse.noContent());
    }

    /**
     * Current health: {@code state} UP/DEGRADED/DOWN, components (healthy of n, minHealthy), targets with the regions'
     * votes (dissent visible: a minority DOWN makes a target DEGRADED), and {@code proberProblems}: stale regions
     * whose signals are left out.
     *
     * @return the health; 404 unknown service or outside the token's scope
     */
    @GET
    @Path("/{name}/status")
    @Operation(summary = "Current health of a service (components, targets, dissent, prober problems)")
    @APIResponse(responseCode = "404", description = "Unknown service", content = @Content(mediaType = ProblemMappers.PROBLEM_JSON))
    public Uni<ServiceCatalog.Health> status(@RestPath @Size(max = 200) @NoNul String name) {
        return catalog.health(name, caller.scope());
    }

    /**
     * MTTD, MTTA, MTTR (seconds: count, mean, median, max) over the paged incidents detected in {@code [from, to)}
     * (see {@link ServiceMetrics}).
     *
     * @param from ISO-8601 instant, inclusive; default the epoch
     * @param to ISO-8601 instant, exclusive; default now
     * @return the report (an unknown service has no incidents); 400 bad from/to or from ≥ to; 404 when outside the
     *         token's scope
     */
    @GET
    @Path("/{name}/metrics")
    @Operation(summary = "MTTD, MTTA, MTTR of a service (seconds)")
    @APIResponse(responseCode = "400", description = "Bad from/to", content = @Content(mediaType = ProblemMappers.PROBLEM_JSON))
    public Uni<ServiceMetrics.Report> metrics(@RestPath @Size(max = 200) @NoNul String name, @RestQuery String from,
            @RestQuery String to) {
        Instant start = parse("from", from, Instant.EPOCH);
        Instant end = parse("to", to, Instant.now());
        if (!start.isBefore(end)) {
            throw ProblemException.badRequest("from (" + start + ") must be before to (" + end + ").");
        }
        return metrics.report(name, start, end, caller.scope());
    }

    static Instant parse(String name, String value, Instant fallback) {
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
