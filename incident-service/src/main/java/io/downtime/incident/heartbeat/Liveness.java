package io.downtime.incident.heartbeat;

import java.time.Instant;
import java.util.Map;
import java.util.Set;

/**
 * Which regions are alive at one instant, from the heartbeats. A region that never heartbeated (older
 * probe-services, tests that only post signals) is not in {@link #lastHeartbeat} and counts as alive: its signals are
 * taken at face value, as before heartbeats existed.
 *
 * @param stale regions that heartbeated once but none of whose instances did within its timeout
 * @param heartbeating regions with an instance that heartbeated within its timeout
 * @param lastHeartbeat latest reception time per region that ever heartbeated
 */
public record Liveness(Set<String> stale, Set<String> heartbeating, Map<String, Instant> lastHeartbeat) {

    /** Nobody heartbeated: every region is alive. */
    public static final Liveness ALL_ALIVE = new Liveness(Set.of(), Set.of(), Map.of());

    /** @return whether the signals of {@code region} count */
    public boolean alive(String region) {
        return !stale.contains(region);
    }
}
