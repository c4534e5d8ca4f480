package io.downtime.probe.domain;

/**
 * State of a target as seen from this region. {@code UNKNOWN} only before the first confirmed state.
 */
public enum ProbeState {
    UNKNOWN,
    UP,
    DEGRADED,
    DOWN;

    /** {@code true} for {@code DEGRADED} and {@code DOWN}: counts towards {@code failureThreshold}. */
    public boolean isBad() {
        return this == DEGRADED || this == DOWN;
    }
}
