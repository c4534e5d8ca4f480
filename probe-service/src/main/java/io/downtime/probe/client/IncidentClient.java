package io.downtime.probe.client;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import io.smallrye.mutiny.Uni;

/**
 * incident-service's signal intake ({@code quarkus.rest-client.incident.url}). A status ≥ 400 fails the
 * {@code Uni} with a {@link jakarta.ws.rs.WebApplicationException}.
 */
@RegisterRestClient(configKey = "incident")
@Path("/api/v1/signals")
public interface IncidentClient {

    /**
     * Sends one signal, already serialized as JSON (the outbox payload, byte for byte).
     *
     * @return {@code 202} stored, {@code 200} already stored (duplicate id)
     */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    Uni<Response> send(String signalJson);
}
