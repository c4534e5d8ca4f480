package io.downtime.incident.domain;

/** Kind of an incident timeline entry. */
public enum TimelineType {
    /** The incident was opened because its service went down (actor {@code system}). */
    TRIGGERED,
    /** An outage of the service started while the incident was already open and was attached to it. */
    OUTAGE_STARTED,
    /** A DOWN signal with an earlier {@code observedAt} moved the outage start back. */
    START_MOVED,
    /** The service recovered: the outage got its end. */
    OUTAGE_ENDED,
    /**
     * A late DOWN showed the service was still down when its last outage was closed: the outage got its end cleared
     * and the incident, if resolved, went back to {@code TRIGGERED} (actor {@code system}; the detail says why).
     */
    REOPENED,
    ACKNOWLEDGED,
    MITIGATED,
    RESOLVED,
    /**
     * Another trigger for the open incident's dedup key came from an integration (a PagerDuty Events API v2
     * {@code trigger} on an open dedup key, an Alertmanager alert whose severity or summary changed): recorded, the
     * incident keeps its status.
     */
    TRIGGER_ADDED
}
