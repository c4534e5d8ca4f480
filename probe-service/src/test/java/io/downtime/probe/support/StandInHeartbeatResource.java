package io.downtime.probe.support;

import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * Stands in for incident-service's {@code POST /api/v1/heartbeats} in probe-service tests: records every heartbeat
 * and answers with {@link #ANSWER} (the other regions' best heads).
 */
@Path("/test-incident/api/v1/heartbeats")
public class StandInHeartbeatResource {

    /** Every heartbeat received, in arrival order. */
    public static final ConcurrentLinkedQueue<Map<String, Object>> RECEIVED = new ConcurrentLinkedQueue<>();
    /** The answer's {@code heads}: chain id → {number, region, seenAt}. */
    public static final AtomicReference<Map<String, Object>> ANSWER = new AtomicReference<>(Map.of());

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Object> receive(Map<String, Object> heartbeat) {
        RECEIVED.add(heartbeat);
        return Map.of("heads", ANSWER.get());
    }
}
