package io.downtime.incident.service;

/**
 * What re-evaluating a service after an applied signal changed.
 *
 * @param change the outage change
 * @param incidentId the incident concerned, null when nothing changed
 * @param incidentCreated whether a new incident was opened
 */
public record Evaluation(Change change, Long incidentId, boolean incidentCreated) {

    /** Outage change caused by one signal. */
    public enum Change {
        /** Nothing changed: the service stays up, or stays down since the same start. */
        NONE,
        /** The service went down: an outage was opened. */
        OPENED,
        /** The service is still down and its outage start moved back to an earlier first bad probe. */
        START_MOVED,
        /**
         * The service is down and was still down when its last outage was closed (a late DOWN): that outage and its
         * incident were reopened.
         */
        REOPENED,
        /** The service recovered: the open outage was closed. */
        ENDED
    }

    static final Evaluation NONE = new Evaluation(Change.NONE, null, false);
}
