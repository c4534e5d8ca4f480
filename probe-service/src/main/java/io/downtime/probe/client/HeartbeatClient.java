package io.downtime.probe.client;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import io.smallrye.mutiny.Uni;

/**
 * incident-service's heartbeat intake ({@code quarkus.rest-client.incident.url}). A status ≥ 400 fails the
 * {@code Uni} with a {@link jakarta.ws.rs.WebApplicationException}.
 */
@RegisterRestClient(configKey = "incident")
@Path("/api/v1/heartbeats")
public interface HeartbeatClient {

    /** Sends a heartbeat; the answer carries the best head per chain id among all live regions. */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    Uni<Heartbeat.Response> send(Heartbeat heartbeat);
}
