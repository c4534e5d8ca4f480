package io.downtime.probe.client;

import java.time.Instant;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Body of {@code POST /api/v1/heartbeats} (docs/CONTRACTS.md): this probe-service instance is alive.
 *
 * @param region the region it probes from ({@code downtime.region})
 * @param instance the instance name (pod name)
 * @param version the probe-service version
 * @param sentAt when it was sent
 * @param intervalSeconds seconds until the next heartbeat
 * @param heads per EVM chain id (decimal string), the highest head this instance saw in its latest probes
 */
public record Heartbeat(String region, String instance, String version, Instant sentAt, long intervalSeconds,
        Map<String, Head> heads) {

    /**
     * A chain head.
     *
     * @param number block number
     * @param seenAt when a probe saw it
     * @param region the region that saw it (responses only)
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Head(long number, Instant seenAt, String region) {
    }

    /** Answer of {@code POST /api/v1/heartbeats}: per chain id, the highest head among all live regions. */
    public record Response(Map<String, Head> heads) {
    }
}
