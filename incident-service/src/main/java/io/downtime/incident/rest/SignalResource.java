package io.downtime.incident.rest;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response.Status;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

import io.downtime.common.problem.ProblemMappers;
import io.downtime.incident.service.SignalService;
import io.smallrye.mutiny.Uni;

/** Ingestion of signals from the regions' probe-services. */
@Path("/api/v1/signals")
@Tag(name = "signals", description = "Region signals from probe-services")
public class SignalResource {

    private final SignalService signals;

    public SignalResource(SignalService signals) {
        this.signals = signals;
    }

    /**
     * Receives one signal, idempotently by id.
     *
     * @return 202 {@code {"id","duplicate":false}} when stored; 200 {@code {"id","duplicate":true}} when the id was
     *         already stored (nothing changes); 400 problem+json for malformed JSON (bad UUID, bad instant); 422
     *         problem+json with {@code violations} for invalid fields
     */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Receive a signal", description = "A region's confirmed state change of one target. Idempotent by id.")
    @APIResponse(responseCode = "202", description = "Stored", content = @Content(schema = @Schema(implementation = SignalAck.class)))
    @APIResponse(responseCode = "200", description = "Duplicate: the id was already stored; nothing changed", content = @Content(schema = @Schema(implementation = SignalAck.class)))
    @APIResponse(responseCode = "400", description = "Malformed JSON", content = @Content(mediaType = ProblemMappers.PROBLEM_JSON))
    @APIResponse(responseCode = "422", description = "Invalid fields", content = @Content(mediaType = ProblemMappers.PROBLEM_JSON))
    public Uni<RestResponse<SignalAck>> receive(@Valid @NotNull SignalRequest signal) {
        return signals.receive(signal.toSignal())
                .map(outcome -> outcome.duplicate()
                        ? RestResponse.ok(new SignalAck(outcome.id(), true))
                        : RestResponse.status(Status.ACCEPTED, new SignalAck(outcome.id(), false)));
    }
}
