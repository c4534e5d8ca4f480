package io.downtime.probe.rest;

import java.time.Instant;
import java.util.Map;

/**
 * {@code GET /api/v1/targets/{id}/status}: the confirmed state of a target in this region and its last probe.
 *
 * @param state {@code UNKNOWN} (not yet confirmed), {@code UP}, {@code DEGRADED} or {@code DOWN}
 * @param since when the confirmed state began (first probe of the streak that confirmed it)
 * @param confirmedAt when it was confirmed
 * @param lastProbe the last probe's state, reason, time, latency (ms) and evidence; null before the first probe
 * @param streak contrary probes in a row so far towards the next state change
 */
public record TargetStatusResponse(long targetId, String target, String service, String region, String state,
        String reason, Instant since, Instant confirmedAt, LastProbe lastProbe, int streak) {

    /** One probe result. */
    public record LastProbe(String state, String reason, Instant at, Long latencyMs, Map<String, Object> evidence) {
    }
}
