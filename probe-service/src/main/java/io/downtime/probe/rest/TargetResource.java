package io.downtime.probe.rest;

import java.net.URI;
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
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

import io.downtime.probe.service.TargetService;
import io.smallrye.mutiny.Uni;

/** Targets: the things this region probes. Errors are {@code application/problem+json}. */
@Path("/api/v1/targets")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "targets")
public class TargetResource {

    private final TargetService targets;

    public TargetResource(TargetService targets) {
        this.targets = targets;
    }

    @POST
    @Operation(summary = "Register a target; 201 with Location, 409 when the name is taken, 400/422 on bad input")
    public Uni<RestResponse<TargetResponse>> create(@Valid @NotNull TargetRequest request) {
        return targets.create(request)
                .map(t -> RestResponse.ResponseBuilder.<TargetResponse> created(URI.create("/api/v1/targets/" + t.id()))
                        .entity(t).build());
    }

    @GET
    @Operation(summary = "List targets, optionally of one service")
    public Uni<List<TargetResponse>> list(@QueryParam("service") @Size(max = 100) String service) {
        return targets.list(service);
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One target; 404 when unknown")
    public Uni<TargetResponse> get(@PathParam("id") long id) {
        return targets.get(id);
    }

    @PUT
    @Path("/{id}")
    @Operation(summary = "Replace a target's settings; its confirmed state is kept")
    public Uni<TargetResponse> update(@PathParam("id") long id, @Valid @NotNull TargetRequest request) {
        return targets.update(id, request);
    }

    @DELETE
    @Path("/{id}")
    @Operation(summary = "Stop probing and delete a target; 204")
    public Uni<RestResponse<Void>> delete(@PathParam("id") long id) {
        return targets.delete(id).map(ignored -> RestResponse.noContent());
    }

    @GET
    @Path("/{id}/status")
    @Operation(summary = "Confirmed state in this region and the last probe")
    public Uni<TargetStatusResponse> status(@PathParam("id") long id) {
        return targets.status(id);
    }
}
