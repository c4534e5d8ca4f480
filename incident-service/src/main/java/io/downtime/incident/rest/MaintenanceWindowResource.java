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
import io.downtime.incident.domain.MaintenanceWindow;
import io.downtime.incident.maintenance.MaintenanceService;
import io.smallrye.mutiny.Uni;

/**
 * Maintenance windows: outages that start inside one are flagged {@code maintenance=true}, cause MAINTENANCE, page
 * nobody (the incident has {@code paged=false}) and are marked for SLA exclusion.
 */
@Path("/api/v1/maintenance-windows")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "maintenance", description = "Maintenance windows (one-off, cron, RRULE)")
public class MaintenanceWindowResource {

    private final MaintenanceService maintenance;

    public MaintenanceWindowResource(MaintenanceService maintenance) {
        this.maintenance = maintenance;
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

    /** @param service only windows applying to it (its own and those of all services) */
    @GET
    @Operation(summary = "List maintenance windows")
    public Uni<List<WindowView>> list(@RestQuery String service) {
        return maintenance.list(service == null || service.isBlank() ? null : service)
                .map(l -> l.stream().map(WindowView::from).toList());
    }

    /** @return 201 with the window; 422 when the fields do not make one valid kind (see the request) */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Declare a maintenance window")
    @APIResponse(responseCode = "201")
    @APIResponse(responseCode = "422", description = "Invalid window", content = @Content(mediaType = ProblemMappers.PROBLEM_JSON))
    public Uni<RestResponse<WindowView>> create(@Valid @NotNull MaintenanceWindowRequest body) {
        return maintenance.create(body.toWindow()).map(w -> RestResponse.ResponseBuilder
                .<WindowView> created(URI.create("/api/v1/maintenance-windows/" + w.id)).entity(WindowView.from(w)).build());
    }

    /** @return the window; 404 unknown */
    @GET
    @Path("/{id}")
    @Operation(summary = "Get a maintenance window")
    @APIResponse(responseCode = "404", description = "Unknown id", content = @Content(mediaType = ProblemMappers.PROBLEM_JSON))
    public Uni<WindowView> get(@RestPath long id) {
        return maintenance.get(id).map(WindowView::from);
    }

    /** Replaces a window (outages already flagged keep their flag). @return the window; 404; 422 */
    @PUT
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Replace a maintenance window")
    @APIResponse(responseCode = "404", description = "Unknown id", content = @Content(mediaType = ProblemMappers.PROBLEM_JSON))
    @APIResponse(responseCode = "422", description = "Invalid window", content = @Content(mediaType = ProblemMappers.PROBLEM_JSON))
    public Uni<WindowView> put(@RestPath long id, @Valid @NotNull MaintenanceWindowRequest body) {
        return maintenance.replace(id, body.toWindow()).map(WindowView::from);
    }

    /** @return 204; 404 unknown */
    @DELETE
    @Path("/{id}")
    @Operation(summary = "Delete a maintenance window")
    @APIResponse(responseCode = "204")
    @APIResponse(responseCode = "404", description = "Unknown id", content = @Content(mediaType = ProblemMappers.PROBLEM_JSON))
    public Uni<RestResponse<Void>> delete(@RestPath long id) {
        return maintenance.delete(id).map(v -> RestResponse.noContent());
    }
}
