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

import io.downtime.common.security.Caller;
import io.downtime.probe.service.TargetService;
import io.smallrye.mutiny.Uni;

/**
 * Targets: the things this region probes. Errors are {@code application/problem+json}.
 * <p>
 * Object-level authorization (OWASP API1): with a {@code services} claim in the token, targets of other services are
 * left out of the list and answer 404 (like an unknown id) to GET, PUT, DELETE and status; creating a target for, or
 * moving one to, a service outside the claim answers 403.
 */
@Path("/api/v1/targets")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "targets")
public class TargetResource {

    private final TargetService targets;
    private final Caller caller;

    public TargetResource(TargetService targets, Caller caller) {
        this.targets = targets;
        this.caller = caller;
    }

    /**
     * Registers a target and starts probing it.
     *
     * @param request the target ({@link TargetRequest})
     * @return 201 with {@code Location: /api/v1/targets/{id}} and the {@link TargetResponse}; 400/422 problem+json on
     *         bad input; 403 when its service is outside the token's {@code services} claim; 409 when the name is taken
     */
    @POST
    @Operation(summary = "Register a target; 201 with Location, 409 when the name is taken, 400/422 on bad input, 403 when its service is outside the token's services claim")
    public Uni<RestResponse<TargetResponse>> create(@Valid @NotNull TargetRequest request) {
        return targets.create(request, caller.scope())
                .map(t -> RestResponse.ResponseBuilder.<TargetResponse> created(URI.create("/api/v1/targets/" + t.id()))
                        .entity(t).build());
    }

    /**
     * @param service only targets of this service (optional)
     * @return the targets of the services in the token's scope, by id ({@code []} for a service outside it)
     */
    @GET
    @Operation(summary = "List targets (of the services in the token's scope), optionally of one service")
    public Uni<List<TargetResponse>> list(@QueryParam("service") @Size(max = 100) String service) {
        return targets.list(service, caller.scope());
    }

    /** @return the target; 404 problem+json when unknown or of a service outside the token's scope */
    @GET
    @Path("/{id}")
    @Operation(summary = "One target; 404 when unknown or of a service outside the token's services claim")
    public Uni<TargetResponse> get(@PathParam("id") long id) {
        return targets.get(id, caller.scope());
    }

    /**
     * Replaces a target's settings.
     *
     * @return the stored target; 404 problem+json when unknown or outside the token's scope; 403 when the new service is
     *         outside it; 400/422 bad input; 409 name taken
     */
    @PUT
    @Path("/{id}")
    @Operation(summary = "Replace a target's settings; its confirmed state is kept; 404 when unknown or outside the token's scope, 403 when moved to a service outside it")
    public Uni<TargetResponse> update(@PathParam("id") long id, @Valid @NotNull TargetRequest request) {
        return targets.update(id, request, caller.scope());
    }

    /** @return 204; 404 problem+json when unknown or outside the token's scope */
    @DELETE
    @Path("/{id}")
    @Operation(summary = "Stop probing and delete a target; 204; 404 when unknown or outside the token's scope")
    public Uni<RestResponse<Void>> delete(@PathParam("id") long id) {
        return targets.delete(id, caller.scope()).map(ignored -> RestResponse.noContent());
    }

    /** @return the target's confirmed state here and its last probe; 404 when unknown or outside the token's scope */
    @GET
    @Path("/{id}/status")
    @Operation(summary = "Confirmed state in this region and the last probe; 404 when unknown or outside the token's scope")
    public Uni<TargetStatusResponse> status(@PathParam("id") long id) {
        return targets.status(id, caller.scope());
    }
}
