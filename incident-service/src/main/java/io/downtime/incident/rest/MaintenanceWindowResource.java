package io.downtime.incident.rest;

import java.net.URI;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
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

import io.downtime.common.problem.ProblemMappers;
import io.downtime.common.security.Caller;
import io.downtime.incident.domain.MaintenanceWindow;
import io.downtime.incident.maintenance.MaintenanceService;
import io.smallrye.mutiny.Uni;

/**
 * Maintenance windows: outages that start inside one are flagged {@code maintenance=true}, cause MAINTENANCE, page
 * nobody (the incident has {@code paged=false}) and are marked for SLA exclusion.
 * <p>
 * Object-level authorization (OWASP API1): with a {@code services} claim in the token, windows of other services are
 * left out of the list and answer 404 problem+json; windows of all services are listed and readable, but creating,
 * replacing or deleting one, or a window for a service outside the claim, answers 403 problem+json (see
 * {@link MaintenanceService}).
 */
@Path("/api/v1/maintenance-windows")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "maintenance", description = "Maintenance windows (one-off, cron, RRULE)")
public class MaintenanceWindowResource {

    private final MaintenanceService maintenance;
    private final Caller caller;

    public MaintenanceWindowResource(MaintenanceService maintenance, Caller caller) {
        this.maintenance = maintenance;
        this.caller = caller;
    }

    /**
     * A window as returned.
     *
     * @param service null: all services
     */
    public record WindowView(Long id, String service, String title, java.time.Instant startsAt, java.time.Instant endsAt,
            String cron, String rrule, Long durationSeconds, String timezone) {
        static WindowView from(MaintenanceWindow w) {
            return new WindowView(w.id, w.service, w.title, w.startsAt, w.endsAt, w.cron, w.rrule, w.durationSeconds,
                    w.timezone);
        }
    }

    /**
     * @param service only windows applying to it (its own and those of all services)
     * @return the windows of the token's services and of all services, by id
     */
    @GET
    @Operation(summary = "List maintenance windows")
    public Uni<List<WindowView>> list(@RestQuery String service) {
        return maintenance.list(service == null || service.isBlank() ? null : service, caller.scope())
                .map(l -> l.stream().map(WindowView::from).toList());
    }

    /**
     * @return 201 with the window; 403 for a window of all services or of a service outside the token's scope; 422
     *         when the fields do not make one valid kind (see the request)
     */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Declare a maintenance window")
    @APIResponse(responseCode = "201")
    @APIResponse(responseCode = "403", description = "Service outside the token's services claim", content = @Content(mediaType = ProblemMappers.PROBLEM_JSON))
    @APIResponse(responseCode = "422", description = "Invalid window", content = @Content(mediaType = ProblemMappers.PROBLEM_JSON))
    public Uni<RestResponse<WindowView>> create(@Valid @NotNull MaintenanceWindowRequest body) {
        return maintenance.create(body.toWindow(), caller.scope()).map(w -> RestResponse.ResponseBuilder
                .<WindowView> created(URI.create("/api/v1/maintenance-windows/" + w.id)).entity(WindowView.from(w)).build());
    }

    /** @return the window; 404 unknown or of a service outside the token's scope */
    @GET
    @Path("/{id}")
    @Operation(summary = "Get a maintenance window")
    @APIResponse(responseCode = "404", description = "Unknown id", content = @Content(mediaType = ProblemMappers.PROBLEM_JSON))
    public Uni<WindowView> get(@RestPath long id) {
        return maintenance.get(id, caller.scope()).map(WindowView::from);
    }

    /**
     * Replaces a window (outages already flagged keep their flag).
     *
     * @return the window; 403 when it or the replacement is of all services or of a service outside the token's
     *         scope; 404 unknown or hidden; 422
     */
    @PUT
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Replace a maintenance window")
    @APIResponse(responseCode = "403", description = "Service outside the token's services claim", content = @Content(mediaType = ProblemMappers.PROBLEM_JSON))
    @APIResponse(responseCode = "404", description = "Unknown id", content = @Content(mediaType = ProblemMappers.PROBLEM_JSON))
    @APIResponse(responseCode = "422", description = "Invalid window", content = @Content(mediaType = ProblemMappers.PROBLEM_JSON))
    public Uni<WindowView> put(@RestPath long id, @Valid @NotNull MaintenanceWindowRequest body) {
        return maintenance.replace(id, body.toWindow(), caller.scope()).map(WindowView::from);
    }

    /** @return 204; 403 for a window of all services and a scoped token; 404 unknown or hidden */
    @DELETE
    @Path("/{id}")
    @Operation(summary = "Delete a maintenance window")
    @APIResponse(responseCode = "204")
    @APIResponse(responseCode = "403", description = "Window of all services, scoped token", content = @Content(mediaType = ProblemMappers.PROBLEM_JSON))
    @APIResponse(responseCode = "404", description = "Unknown id", content = @Content(mediaType = ProblemMappers.PROBLEM_JSON))
    public Uni<RestResponse<Void>> delete(@RestPath long id) {
        return maintenance.delete(id, caller.scope()).map(v -> RestResponse.noContent());
    }
}
