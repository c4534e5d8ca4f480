package io.downtime.sla.client;

import java.util.List;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import io.quarkus.rest.client.reactive.ClientExceptionMapper;
import io.smallrye.mutiny.Uni;

/**
 * REST client of incident-service ({@code quarkus.rest-client.incident.url}). Use it through
 * {@link IncidentGateway}, which adds timeout, retry and circuit breaker.
 */
@RegisterRestClient(configKey = "incident")
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
public interface IncidentClient {

    /**
     * Outages of {@code service} overlapping {@code [from, to)}, ordered by start.
     *
     * @param service service name
     * @param from ISO-8601 instant, inclusive
     * @param to ISO-8601 instant, exclusive
     * @return the outages; fails with {@link IncidentUnavailableException} on 5xx and
     *         {@link IncidentRejectedException} on 4xx
     */
    @GET
    @Path("/services/{service}/outages")
    Uni<List<IncidentOutage>> outages(@PathParam("service") String service, @QueryParam("from") String from,
            @QueryParam("to") String to);

    /**
     * Incidents of {@code service} in {@code status}, newest first ({@code GET /api/v1/incidents?service=&status=}).
     *
     * @param service service name
     * @param status {@code TRIGGERED}, {@code ACKNOWLEDGED}, {@code MITIGATED} or {@code RESOLVED}
     * @return the incidents; fails with {@link IncidentUnavailableException} on 5xx and
     *         {@link IncidentRejectedException} on 4xx
     */
    @GET
    @Path("/incidents")
    Uni<List<IncidentSummary>> incidents(@QueryParam("service") String service, @QueryParam("status") String status);

    /** Turns error statuses into exceptions that the fault tolerance policy can tell apart. */
    @ClientExceptionMapper
    static RuntimeException toException(Response response) {
        int status = response.getStatus();
        if (status >= 500) {
            return new IncidentUnavailableException("incident-service answered HTTP " + status);
        }
        if (status >= 400) {
            return new IncidentRejectedException(status);
        }
        return null;
    }
}
