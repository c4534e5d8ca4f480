package io.downtime.sla.rest;

import java.time.Instant;
import java.util.List;

import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.downtime.common.problem.ProblemMappers;
import io.downtime.sla.model.AnchorResponse;
import io.downtime.sla.model.AnchorVerification;
import io.downtime.sla.service.AnchorService;
import io.smallrye.mutiny.Uni;

/**
 * Verifiable reports, {@code /api/v1/slas/{service}/reports}: a report's SHA-256 anchored in a transaction on an EVM
 * chain, and its verification. Errors are {@code application/problem+json} (RFC 9457), see {@link ProblemMappers}.
 * A service outside the token's {@code services} claim answers 404 like a service without an SLA, see
 * {@link ServiceScopeFilter}.
 */
@Path("/api/v1/slas/{service}/reports")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Verifiable reports", description = "SLA reports anchored on an EVM chain")
@ServiceInPath
public class AnchorResource {

    private final AnchorService anchors;

    public AnchorResource(AnchorService anchors) {
        this.anchors = anchors;
    }

    /**
     * Computes the report of {@code [from, to)} (defaults as for {@code GET …/report}), sends the SHA-256 of its
     * canonical JSON in a transaction, waits until it is mined and stores the anchor.
     *
     * @return {@code 201} with {@code Location: …/reports/anchors/{id}} and the {@link AnchorResponse};
     *         {@code 400} bad {@code from}/{@code to} or {@code from ≥ to}; {@code 422} {@code to} in the future;
     *         {@code 404} no SLA; {@code 503} anchoring not configured, chain or incident-service unavailable, or
     *         transaction not mined in time; {@code 502} the node rejected the transaction or serves another chain. No
     *         error stores anything.
     */
    @POST
    @Path("/anchor")
    @Operation(summary = "Anchor a report on the configured EVM chain")
    @APIResponse(responseCode = "201", description = "Anchored", content = @Content(schema = @Schema(implementation = AnchorResponse.class)))
    @APIResponse(responseCode = "503", description = "Anchoring not configured, or a dependency unavailable", content = @Content(mediaType = ProblemMappers.PROBLEM_JSON))
    public Uni<Response> anchor(
            @PathParam("service") @Size(max = 128) @Pattern(regexp = SlaResource.NO_NUL, message = SlaResource.NO_NUL_MESSAGE) String service,
            @Parameter(description = "ISO-8601 instant, inclusive; default: to minus the SLA window") @QueryParam("from") String from,
            @Parameter(description = "ISO-8601 instant, exclusive, not in the future; default: now") @QueryParam("to") String to,
            @Context UriInfo uriInfo) {
        return Uni.createFrom().item(() -> new Instant[] { SlaResource.instant("from", from), SlaResource.instant("to", to) })
                .chain(range -> anchors.anchor(service, range[0], range[1]))
                .map(anchor -> Response.created(uriInfo.getBaseUriBuilder()
                        .path(AnchorResource.class).path(AnchorResource.class, "get")
                        .build(service, anchor.id()))
                        .entity(anchor).build());
    }

    /** @return the service's anchors, newest first (at most {@value AnchorService#LIST_LIMIT}); {@code []} when none */
    @GET
    @Path("/anchors")
    @Operation(summary = "Anchors of a service, newest first")
    public Uni<List<AnchorResponse>> list(
            @PathParam("service") @Size(max = 128) @Pattern(regexp = SlaResource.NO_NUL, message = SlaResource.NO_NUL_MESSAGE) String service) {
        return anchors.list(service);
    }

    /** @return the stored anchor; {@code 404} when the service has no anchor with this id */
    @GET
    @Path("/anchors/{id}")
    @Operation(summary = "A stored anchor")
    public Uni<AnchorResponse> get(
            @PathParam("service") @Size(max = 128) @Pattern(regexp = SlaResource.NO_NUL, message = SlaResource.NO_NUL_MESSAGE) String service,
            @PathParam("id") long id) {
        return anchors.find(service, id);
    }

    /**
     * Recomputes the report of the anchored period, re-canonicalises it and checks it and the transaction on chain.
     *
     * @return {@code 200} with {@link AnchorVerification} ({@code verified} false when any check fails);
     *         {@code 404} unknown anchor; {@code 503} chain not configured, serving another chain, or unavailable,
     *         or incident-service unavailable; {@code 502} the node or incident-service answered an error
     */
    @GET
    @Path("/anchors/{id}/verify")
    @Operation(summary = "Verify an anchor against the recomputed report and the chain")
    public Uni<AnchorVerification> verify(
            @PathParam("service") @Size(max = 128) @Pattern(regexp = SlaResource.NO_NUL, message = SlaResource.NO_NUL_MESSAGE) String service,
            @PathParam("id") long id) {
        return anchors.verify(service, id);
    }
}
