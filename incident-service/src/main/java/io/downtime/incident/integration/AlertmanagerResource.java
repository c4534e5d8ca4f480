package io.downtime.incident.integration;

import java.util.Locale;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestHeader;
import org.jboss.resteasy.reactive.RestQuery;

import io.downtime.common.problem.ProblemException;
import io.downtime.common.problem.ProblemMappers;
import io.smallrye.mutiny.Uni;

/** Prometheus Alertmanager's webhook receiver ({@code webhook_configs} url). */
@Path("/api/v1/integrations/alertmanager")
@Tag(name = "integrations", description = "PagerDuty Events API v2 and Alertmanager integrations")
public class AlertmanagerResource {

    private final AlertmanagerService alertmanager;

    public AlertmanagerResource(AlertmanagerService alertmanager) {
        this.alertmanager = alertmanager;
    }

    /**
     * Receives one Alertmanager notification (webhook payload version 4): firing alerts open or update incidents,
     * resolved alerts resolve them (see {@link AlertmanagerService}).
     *
     * @param service default service for alerts without a {@code service} label (overrides the integration's)
     * @param authorization {@code Bearer <integration key>} of an alertmanager integration, required (Alertmanager's
     *        {@code http_config.authorization}); its name becomes the actor and its service the default
     * @return 200 with what happened to each alert; 400 malformed JSON; 401 missing or unknown token; 422 invalid payload or an
     *         alert without service (problem+json; nothing is written)
     */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Receive an Alertmanager webhook notification (payload version 4)")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = AlertmanagerResult.class)))
    @APIResponse(responseCode = "400", description = "Malformed JSON", content = @Content(mediaType = ProblemMappers.PROBLEM_JSON))
    @APIResponse(responseCode = "401", description = "Unknown integration token", content = @Content(mediaType = ProblemMappers.PROBLEM_JSON))
    @APIResponse(responseCode = "422", description = "Invalid payload", content = @Content(mediaType = ProblemMappers.PROBLEM_JSON))
    public Uni<AlertmanagerResult> receive(AlertmanagerPayload payload, @RestQuery String service,
            @RestHeader(HttpHeaders.AUTHORIZATION) String authorization) {
        // the integration key first (here its form, in the service whether it is known), the payload after: a caller
        // without a valid key learns nothing about what a valid payload looks like
        String key = bearer(authorization);
        String defaultService = service == null || service.isBlank() ? null : service.strip();
        return alertmanager.receive(payload, defaultService, key);
    }

    private static String bearer(String authorization) {
        if (authorization == null || authorization.isBlank()) {
            throw new ProblemException(401, "Unauthorized",
                    "An alertmanager integration key is required: Authorization: Bearer <integration key>"
                            + " (Alertmanager's http_config.authorization).");
        }
        String value = authorization.strip();
        if (!value.toLowerCase(Locale.ROOT).startsWith("bearer ") || value.substring(7).isBlank()) {
            throw new ProblemException(401, "Unauthorized", "Authorization must be 'Bearer <integration key>'.");
        }
        return value.substring(7).strip();
    }
}
