package io.downtime.incident.domain;

/**
 * State of a target as one region's probe-service confirmed it. Only {@link #DOWN} counts towards an outage;
 * {@link #DEGRADED} is recorded but does not make a service down.
 */
public enum TargetState {
    UP,
    DEGRADED,
    DOWN
}
