package io.downtime.incident.domain;

/**
 * Lifecycle of an incident: {@code TRIGGERED → ACKNOWLEDGED → MITIGATED → RESOLVED}. Steps may be skipped
 * forwards (a TRIGGERED incident can be resolved directly) but never taken backwards by hand; RESOLVED is final for
 * manual transitions. Only the system reopens a RESOLVED incident to TRIGGERED, when a late DOWN signal shows that its
 * outage had not ended (timeline entry {@code REOPENED}).
 */
public enum IncidentStatus {
    TRIGGERED,
    ACKNOWLEDGED,
    MITIGATED,
    RESOLVED;

    /** @return whether an incident in this status is still open (counts against its dedup key) */
    public boolean isOpen() {
        return this != RESOLVED;
    }

    /**
     * Whether a transition from this status to {@code next} is legal.
     * <ul>
     * <li>{@code ACKNOWLEDGED}: only from {@code TRIGGERED}</li>
     * <li>{@code MITIGATED}: from {@code TRIGGERED} or {@code ACKNOWLEDGED}</li>
     * <li>{@code RESOLVED}: from any open status</li>
     * <li>{@code TRIGGERED}: never (incidents are created triggered)</li>
     * </ul>
     */
    public boolean canBecome(IncidentStatus next) {
        return switch (next) {
            case TRIGGERED -> false;
            case ACKNOWLEDGED -> this == TRIGGERED;
            case MITIGATED -> this == TRIGGERED || this == ACKNOWLEDGED;
            case RESOLVED -> this != RESOLVED;
        };
    }
}
