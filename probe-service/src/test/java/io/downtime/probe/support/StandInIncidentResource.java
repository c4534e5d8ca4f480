package io.downtime.probe.support;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * Stands in for incident-service's {@code POST /api/v1/signals} in probe-service tests (the real one is tested in
 * its own module and in system-tests). Records every request; can be told to answer 503 to the next N
 * requests of a target.
 */
@Path("/test-incident/api/v1/signals")
public class StandInIncidentResource {

    /** Every request body received, including the refused ones, in arrival order. */
    public static final ConcurrentLinkedQueue<Map<String, Object>> RECEIVED = new ConcurrentLinkedQueue<>();
    /** Per target name: requests still to refuse with 503. */
    public static final Map<String, AtomicInteger> REFUSE_NEXT = new ConcurrentHashMap<>();

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response receive(Map<String, Object> signal) {
        RECEIVED.add(signal);
        AtomicInteger refusals = REFUSE_NEXT.get(String.valueOf(signal.get("target")));
        if (refusals != null && refusals.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            return Response.status(503).build();
        }
        return Response.accepted(Map.of("id", signal.get("id"), "duplicate", false)).build();
    }

    /** The bodies received for one target, in arrival order. */
    public static List<Map<String, Object>> forTarget(String target) {
        return RECEIVED.stream().filter(s -> target.equals(s.get("target"))).toList();
    }
}
