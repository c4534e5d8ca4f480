package io.downtime.incident.integration;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

import io.smallrye.mutiny.Uni;

/**
 * PagerDuty Events API v2 compatible endpoint, so that any PagerDuty client (Alertmanager's
 * {@code pagerduty_configs} with {@code url}, Grafana, Datadog, scripts) can send events here. Not under
 * {@code /api/v1}: the path is PagerDuty's.
 */
@Path("/v2/enqueue")
@Tag(name = "integrations", description = "PagerDuty Events API v2 and Alertmanager integrations")
public class PagerDutyResource {

    private final PagerDutyService pagerDuty;

    public PagerDutyResource(PagerDutyService pagerDuty) {
        this.pagerDuty = pagerDuty;
    }

    /**
     * Receives one event (any content type; the body is read as JSON). Answers are PagerDuty's, not problem+json.
     *
     * @return 202 {@code {"status":"success","message":"Event processed","dedup_key":"…"}}; 400
     *         {@code {"status":"invalid event","message":"Event object is invalid","errors":[…]}}; 429 (with
     *         {@code Retry-After}, seconds) when the routing key sends more than its per-minute allowance
     */
    @POST
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "PagerDuty Events API v2: trigger, acknowledge or resolve an incident by dedup key")
    @APIResponse(responseCode = "202", description = "Event processed (also when an acknowledge/resolve was dropped)", content = @Content(schema = @Schema(implementation = PagerDutyResponse.class)))
    @APIResponse(responseCode = "400", description = "Invalid event", content = @Content(schema = @Schema(implementation = PagerDutyResponse.class)))
    @APIResponse(responseCode = "429", description = "Rate limit of the routing key exceeded", content = @Content(schema = @Schema(implementation = PagerDutyResponse.class)))
    public Uni<RestResponse<PagerDutyResponse>> enqueue(byte[] body) {
        return pagerDuty.enqueue(body).map(reply -> {
            var response = RestResponse.ResponseBuilder.<PagerDutyResponse> create(reply.status()).entity(reply.body())
                    .type(MediaType.APPLICATION_JSON);
            if (reply.retryAfterSeconds() > 0) {
                response.header("Retry-After", reply.retryAfterSeconds());
            }
            return response.build();
        });
    }
}
