package io.downtime.incident.domain;

import java.time.Instant;
import java.util.UUID;

/**
 * A region's confirmed state change of one target, as delivered (at least once) by probe-service.
 *
 * @param id unique signal id; the idempotency key
 * @param region name of the reporting region
 * @param target target name, the cross-region key of a target
 * @param targetId the target's id in the region's probe-service database (informational), may be null
 * @param service the service the target is a component of
 * @param kind probe kind ({@code http}, {@code evm-node}, ...), may be null
 * @param state the new state
 * @param reason machine-readable reason ({@code ok} for UP)
 * @param evidenceJson evidence as a JSON object text, may be null
 * @param observedAt when the new state began (first probe of the streak)
 * @param confirmedAt when the threshold was reached; strictly increases per (target, region)
 */
public record Signal(UUID id, String region, String target, String targetId, String service, String kind,
        TargetState state, String reason, String evidenceJson, Instant observedAt, Instant confirmedAt) {
}
