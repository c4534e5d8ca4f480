package io.downtime.incident.rest;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.databind.JsonNode;

import io.downtime.incident.domain.Signal;
import io.downtime.incident.domain.TargetState;

/**
 * Body of {@code POST /api/v1/signals}: a region's confirmed state change of one target (see docs/CONTRACTS.md).
 * Invalid fields answer 422 problem+json with {@code violations}; unparsable values (UUID, instant) 400. No string,
 * the evidence included (keys and values at any depth), may contain NUL (U+0000); the times are checked by
 * {@link ValidSignalTimes}.
 *
 * @param id unique signal id, the idempotency key
 * @param region reporting region, non-blank, ≤ 200 characters
 * @param target target name (the cross-region key of a target), non-blank, ≤ 200 characters
 * @param targetId target id in the region's probe-service (informational), optional, ≤ 200 characters
 * @param service the service the target is a component of, non-blank, ≤ 200 characters
 * @param kind probe kind ({@code http}, {@code evm-node}, ...), optional, ≤ 50 characters
 * @param state {@code UP}, {@code DEGRADED} or {@code DOWN}
 * @param reason machine-readable reason ({@code ok} for UP), non-blank, ≤ 200 characters
 * @param evidence optional JSON object (status code, latency, block number/hash/timestamp, call result)
 * @param observedAt ISO-8601 instant the new state began: first bad probe of the streak (first good probe for UP);
 *        not after {@code confirmedAt}; years 1970 to 9999
 * @param confirmedAt ISO-8601 instant the region confirmed it; orders the signals of one (target, region); at most
 *        the allowed clock skew ({@code downtime.incident.allowed-clock-skew}, default 5 minutes) ahead of the
 *        server clock; years 1970 to 9999
 */
@Schema(name = "Signal", description = "A region's confirmed state change of one target")
@ValidSignalTimes
public record SignalRequest(
        @NotNull UUID id,
        @NotBlank @Size(max = 200) @NoNul String region,
        @NotBlank @Size(max = 200) @NoNul String target,
        @Size(max = 200) @NoNul String targetId,
        @NotBlank @Size(max = 200) @NoNul String service,
        @Size(max = 50) @NoNul String kind,
        @NotNull @Pattern(regexp = STATES, message = "must be one of UP, DEGRADED, DOWN") String state,
        @NotBlank @Size(max = 200) @NoNul String reason,
        @Schema(type = SchemaType.OBJECT) @JsonObjectOrNull @NoNul JsonNode evidence,
        @NotNull Instant observedAt,
        @NotNull Instant confirmedAt) {

    /** Accepted values of {@code state}. */
    static final String STATES = "UP|DEGRADED|DOWN";

    /** @return the domain signal; evidence as JSON text, null when absent */
    public Signal toSignal() {
        String evidenceJson = evidence == null || evidence.isNull() ? null : evidence.toString();
        // the database keeps microseconds: so does every comparison of these instants in memory
        return new Signal(id, region, target, targetId, service, kind, TargetState.valueOf(state), reason, evidenceJson,
                micros(observedAt), micros(confirmedAt));
    }

    private static Instant micros(Instant instant) {
        return instant == null ? null : instant.truncatedTo(ChronoUnit.MICROS);
    }
}
