package io.downtime.incident.integration;

import java.net.URI;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
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
import org.jboss.resteasy.reactive.RestResponse;

import io.downtime.common.problem.ProblemMappers;
import io.downtime.common.security.UnrestrictedScope;
import io.smallrye.mutiny.Uni;

/**
 * Integrations (PagerDuty Events API v2 routing keys, Alertmanager bearer tokens) and their default services.
 * <p>
 * Admin configuration that reaches beyond one service (an Alertmanager integration opens incidents for whatever
 * service its alerts' labels name): a token restricted by a {@code services} claim gets 403 problem+json on every
 * path here ({@link UnrestrictedScope}).
 */
@Path("/api/v1/integrations")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "integrations", description = "PagerDuty Events API v2 and Alertmanager integrations")
@UnrestrictedScope
public class IntegrationResource {

    private final IntegrationService integrations;

    public IntegrationResource(IntegrationService integrations) {
        this.integrations = integrations;
    }

    /**
     * Creates an integration with a new key.
     *
     * @return 201 with {@code Location} and {@code {"id","name","kind","service","active","createdAt","key"}}; the key
     *         (32 hex characters) is shown only here. 409 name taken; 422 invalid fields or a pagerduty integration
     *         without service
     */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create an integration; its key is returned once")
    @APIResponse(responseCode = "201", content = @Content(schema = @Schema(implementation = IntegrationView.class)))
    @APIResponse(responseCode = "409", description = "Name taken", content = @Content(mediaType = ProblemMappers.PROBLEM_JSON))
    @APIResponse(responseCode = "422", description = "Invalid fields", content = @Content(mediaType = ProblemMappers.PROBLEM_JSON))
    public Uni<RestResponse<IntegrationView>> create(@Valid @NotNull IntegrationRequest request) {
        return integrations.create(request)
                .map(view -> RestResponse.ResponseBuilder.<IntegrationView> created(
                        URI.create("/api/v1/integrations/" + view.id())).entity(view).build());
    }

    /** @return every integration, without keys */
    @GET
    @Operation(summary = "List integrations (keys are never shown)")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(type = SchemaType.ARRAY, implementation = IntegrationView.class)))
    public Uni<List<IntegrationView>> list() {
        return integrations.list();
    }

    /** @return the integration without key; 404 when unknown */
    @GET
    @Path("/{id: \\d+}")
    @Operation(summary = "Get an integration (without key)")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = IntegrationView.class)))
    @APIResponse(responseCode = "404", description = "Unknown id", content = @Content(mediaType = ProblemMappers.PROBLEM_JSON))
    public Uni<IntegrationView> get(@RestPath long id) {
        return integrations.get(id);
    }

    /**
     * Rotation, step 1: a new key for the integration (its other keys keep working until revoked).
     *
     * @return 201 {@code {"id","createdAt","key"}}: the key is shown only here; 404 when the integration is unknown
     */
    @POST
    @Path("/{id: \\d+}/keys")
    @Operation(summary = "Add a key to an integration (rotation); the key is returned once")
    @APIResponse(responseCode = "201", content = @Content(schema = @Schema(implementation = IntegrationKeyView.class)))
    @APIResponse(responseCode = "404", description = "Unknown id", content = @Content(mediaType = ProblemMappers.PROBLEM_JSON))
    public Uni<RestResponse<IntegrationKeyView>> addKey(@RestPath long id) {
        return integrations.addKey(id).map(view -> RestResponse.ResponseBuilder.<IntegrationKeyView> created(
                URI.create("/api/v1/integrations/" + id + "/keys/" + view.id())).entity(view).build());
    }

    /** @return the integration's keys (ids, creation and revocation times; never the keys); 404 when unknown */
    @GET
    @Path("/{id: \\d+}/keys")
    @Operation(summary = "List an integration's keys (never the keys themselves)")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(type = SchemaType.ARRAY, implementation = IntegrationKeyView.class)))
    @APIResponse(responseCode = "404", description = "Unknown id", content = @Content(mediaType = ProblemMappers.PROBLEM_JSON))
    public Uni<List<IntegrationKeyView>> keys(@RestPath long id) {
        return integrations.keys(id);
    }

    /** Rotation, step 2: revokes a key. 200 with the key's view; 404 when the integration or key is unknown. */
    @DELETE
    @Path("/{id: \\d+}/keys/{keyId: \\d+}")
    @Operation(summary = "Revoke one key of an integration")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = IntegrationKeyView.class)))
    @APIResponse(responseCode = "404", description = "Unknown id or key", content = @Content(mediaType = ProblemMappers.PROBLEM_JSON))
    public Uni<IntegrationKeyView> revokeKey(@RestPath long id, @RestPath long keyId) {
        return integrations.revokeKey(id, keyId);
    }

    /** Deletes the integration and its keys (its incidents stay). 204; 404 when unknown. */
    @DELETE
    @Path("/{id: \\d+}")
    @Operation(summary = "Delete an integration and its keys")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "404", description = "Unknown id", content = @Content(mediaType = ProblemMappers.PROBLEM_JSON))
    public Uni<Void> delete(@RestPath long id) {
        return integrations.delete(id);
    }
}
