package io.downtime.incident.notify;

import java.math.BigInteger;
import java.net.URI;
import java.util.List;
import java.util.Locale;

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
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;
import org.jboss.resteasy.reactive.RestResponse;

import io.downtime.common.problem.ProblemException;
import io.downtime.common.problem.ProblemMappers;
import io.downtime.common.security.UnrestrictedScope;
import io.smallrye.mutiny.Uni;

/**
 * Outgoing webhooks: every incident timeline entry (triggered, acknowledged, mitigated, resolved, reopened, …) is
 * POSTed as signed JSON to each active subscription (payload and signature: docs/CONTRACTS.md, "Webhooks").
 * <p>
 * Admin configuration that reaches beyond one service (a subscription without a service receives every incident, a
 * delivery log shows other services' payloads): a token restricted by a {@code services} claim gets 403 problem+json
 * on every path here ({@link UnrestrictedScope}).
 */
@Path("/api/v1/webhooks")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "webhooks", description = "Signed notifications of every incident change, with a delivery log")
@UnrestrictedScope
public class WebhookResource {

    private static final int MAX_DELIVERIES = 500;

    private final WebhookService webhooks;

    public WebhookResource(WebhookService webhooks) {
        this.webhooks = webhooks;
    }

    /**
     * Creates a subscription.
     *
     * @return 201 with {@code Location}; the secret appears only when generated. 422 invalid fields or refused URL
     */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Subscribe a URL to incident events")
    @APIResponse(responseCode = "201", content = @Content(schema = @Schema(implementation = WebhookView.class)))
    @APIResponse(responseCode = "422", description = "Invalid fields or refused URL (SSRF guard)", content = @Content(mediaType = ProblemMappers.PROBLEM_JSON))
    public Uni<RestResponse<WebhookView>> create(@Valid @NotNull WebhookRequest request) {
        return webhooks.create(request).map(view -> RestResponse.ResponseBuilder
                .<WebhookView> created(URI.create("/api/v1/webhooks/" + view.id())).entity(view).build());
    }

    /** @return every subscription (never with secrets) */
    @GET
    @Operation(summary = "List webhook subscriptions")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(type = SchemaType.ARRAY, implementation = WebhookView.class)))
    public Uni<List<WebhookView>> list() {
        return webhooks.list();
    }

    /** @return the subscription; 404 unknown */
    @GET
    @Path("/{id}")
    @Operation(summary = "Get a webhook subscription")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = WebhookView.class)))
    @APIResponse(responseCode = "404", description = "Unknown id", content = @Content(mediaType = ProblemMappers.PROBLEM_JSON))
    public Uni<WebhookView> get(@RestPath long id) {
        return webhooks.get(id);
    }

    /** Replaces a subscription (the secret only when given). 404 unknown; 422 invalid. */
    @PUT
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Replace a webhook subscription (secret kept unless given)")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = WebhookView.class)))
    @APIResponse(responseCode = "404", description = "Unknown id", content = @Content(mediaType = ProblemMappers.PROBLEM_JSON))
    @APIResponse(responseCode = "422", description = "Invalid fields or refused URL", content = @Content(mediaType = ProblemMappers.PROBLEM_JSON))
    public Uni<WebhookView> update(@RestPath long id, @Valid @NotNull WebhookRequest request) {
        return webhooks.update(id, request);
    }

    /** Deletes a subscription and its delivery log. 204; 404 unknown. */
    @DELETE
    @Path("/{id}")
    @Operation(summary = "Delete a webhook subscription and its delivery log")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "404", description = "Unknown id", content = @Content(mediaType = ProblemMappers.PROBLEM_JSON))
    public Uni<Void> delete(@RestPath long id) {
        return webhooks.delete(id);
    }

    /**
     * The delivery log, newest first.
     *
     * @param status only {@code PENDING}, {@code DELIVERED} or {@code FAILED} (optional; else 400)
     * @param limit at most this many (default and cap 500); below 1 or not an integer → 400
     * @return {@code [{"id","eventId","incidentId","eventType","status","attempts","createdAt","nextAttemptAt",
     *         "lastAttemptAt","lastStatusCode","lastError","deliveredAt"}]}; 404 unknown subscription
     */
    @GET
    @Path("/{id}/deliveries")
    @Operation(summary = "Delivery log of a webhook subscription, newest first")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(type = SchemaType.ARRAY, implementation = DeliveryView.class)))
    @APIResponse(responseCode = "400", description = "Bad status or limit", content = @Content(mediaType = ProblemMappers.PROBLEM_JSON))
    @APIResponse(responseCode = "404", description = "Unknown id", content = @Content(mediaType = ProblemMappers.PROBLEM_JSON))
    public Uni<List<DeliveryView>> deliveries(@RestPath long id, @RestQuery String status, @RestQuery String limit) {
        return webhooks.deliveries(id, parseStatus(status), parseLimit(limit));
    }

    /** Queues a delivery again (status PENDING, next attempt now). 404 unknown subscription or delivery. */
    @POST
    @Path("/{id}/deliveries/{deliveryId}/redeliver")
    @Operation(summary = "Send a delivery again")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = DeliveryView.class)))
    @APIResponse(responseCode = "404", description = "Unknown id", content = @Content(mediaType = ProblemMappers.PROBLEM_JSON))
    public Uni<DeliveryView> redeliver(@RestPath long id, @RestPath long deliveryId) {
        return webhooks.redeliver(id, deliveryId);
    }

    private static WebhookDelivery.Status parseStatus(String status) {
        if (status == null || status.isBlank()) {
            return null;
        }
        try {
            return WebhookDelivery.Status.valueOf(status.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest("Unknown status '" + status + "'; expected PENDING, DELIVERED or FAILED.");
        }
    }

    private static int parseLimit(String limit) {
        if (limit == null || limit.isBlank()) {
            return MAX_DELIVERIES;
        }
        String value = limit.strip();
        if (!value.matches("[+-]?\\d+") || new BigInteger(value).signum() < 1) {
            throw ProblemException
                    .badRequest("limit must be an integer from 1 to " + MAX_DELIVERIES + ", got '" + limit + "'.");
        }
        return new BigInteger(value).min(BigInteger.valueOf(MAX_DELIVERIES)).intValueExact();
    }
}
