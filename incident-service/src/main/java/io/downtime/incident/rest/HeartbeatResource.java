package io.downtime.incident.rest;

import java.util.List;
import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.downtime.common.problem.ProblemMappers;
import io.downtime.incident.heartbeat.HeartbeatService;
import io.smallrye.mutiny.Uni;

/** Region heartbeats from probe-services, and the regions' liveness. */
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "regions", description = "Region heartbeats and liveness")
public class HeartbeatResource {

    private final HeartbeatService heartbeats;

    public HeartbeatResource(HeartbeatService heartbeats) {
        this.heartbeats = heartbeats;
    }

    /** Answer of a heartbeat: per chain id, the highest head among the alive regions. */
    public record HeartbeatAnswer(Map<String, HeartbeatService.Head> heads) {
    }

    /**
     * Receives a probe-service instance's heartbeat.
     *
     * @return 200 {@code {"heads":{"<chainId>":{"number","region","seenAt"}}}}: per chain id, the highest head among
     *         the latest heartbeats of all regions still alive; 400 malformed JSON; 422 invalid fields
     */
    @POST
    @Path("/heartbeats")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Receive a region heartbeat; answers the best head per chain among alive regions")
    @APIResponse(responseCode = "200")
    @APIResponse(responseCode = "400", description = "Malformed JSON", content = @Content(mediaType = ProblemMappers.PROBLEM_JSON))
    @APIResponse(responseCode = "422", description = "Invalid fields", content = @Content(mediaType = ProblemMappers.PROBLEM_JSON))
    public Uni<HeartbeatAnswer> heartbeat(@Valid @NotNull HeartbeatRequest body) {
        return heartbeats.receive(body.toBeat()).map(HeartbeatAnswer::new);
    }

    /**
     * Regions: {@code ALIVE} (an instance heartbeated within its timeout), {@code STALE} (heartbeated once, silent
     * since: its signals are left out of the quorum, a prober problem, not target downtime) and {@code NO_HEARTBEAT}
     * (only signals ever; counted alive).
     *
     * @return {@code [{"region","status","alive","lastHeartbeatAt","version","instances":[…]}]}, by region
     */
    @GET
    @Path("/regions")
    @Operation(summary = "Regions with their liveness (ALIVE, STALE, NO_HEARTBEAT)")
    public Uni<List<HeartbeatService.RegionView>> regions() {
        return heartbeats.regions();
    }
}
