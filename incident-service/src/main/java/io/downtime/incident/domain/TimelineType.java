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
    /** A free-text note ({@code POST /api/v1/incidents/{id}/notes}). */
    NOTE,
    /** Severity changed (detail {@code old -> new}). */
    SEVERITY_CHANGED,
    /** Assignee changed (detail {@code old -> new}). */
    ASSIGNED,
    /** Cause changed by a human or suggested anew by the system (detail {@code old -> new}). */
    CAUSE_CHANGED,
    /** A human edited an impact/detection/acknowledge time (detail {@code field: old -> new}). */
    TIME_EDITED,
    /** The postmortem was written or edited. */
    POSTMORTEM_UPDATED,
    /** The incident was linked to the root incident of a service it depends on (cascade; not paged). */
    LINKED_TO_ROOT,
    /** The outage started inside a maintenance window (cause MAINTENANCE; not paged). */
    MAINTENANCE,
    /**
     * Another trigger for the open incident's dedup key came from an integration (a PagerDuty Events API v2
     * {@code trigger} on an open dedup key, an Alertmanager alert whose severity or summary changed): recorded, the
     * incident keeps its status.
     */
    TRIGGER_ADDED
}
