package io.downtime.incident.domain;

import java.util.List;

/**
 * A block of a service's reliability block diagram: redundant targets in parallel, of which at least
 * {@code minHealthy} must not be globally DOWN (k of n). Components are in series: the service is down while any
 * component is.
 *
 * @param name component name, unique within the service
 * @param minHealthy k, in {@code [1, targets.size()]}
 * @param targets target names (the cross-region key of a target), n ≥ 1, unique within the service
 */
public record Component(String name, int minHealthy, List<String> targets) {

    /** The implicit component of a target listed in no component: itself, 1 of 1 (the foundation's behaviour). */
    public static Component implicit(String target) {
        return new Component(target, 1, List.of(target));
    }
}
