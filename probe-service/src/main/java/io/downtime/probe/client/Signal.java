package io.downtime.probe.client;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * A region's confirmed state change of one target, as sent to incident-service ({@code POST /api/v1/signals};
 * see docs/CONTRACTS.md).
 *
 * @param id unique signal id; incident-service stores each id once
 * @param target the target's name: its key across regions
 * @param targetId the target's id in this region's database
 * @param state {@code UP}, {@code DEGRADED} or {@code DOWN}
 * @param observedAt when the new state began (first bad probe; for {@code head_stale} when the chain stopped)
 * @param confirmedAt when the threshold was reached; increases per target and region
 */
public record Signal(UUID id, String region, String target, String targetId, String service, String kind, String state,
        String reason, Map<String, Object> evidence, Instant observedAt, Instant confirmedAt) {
}
