package io.downtime.sla.client;

/**
 * incident-service answered with a 4xx status: the request itself is wrong, so it is neither retried nor counted
 * as a failure by the circuit breaker.
 */
public class IncidentRejectedException extends RuntimeException {

    private final int status;

    public IncidentRejectedException(int status) {
        super("incident-service answered HTTP " + status);
        this.status = status;
    }

    /** @return the HTTP status incident-service answered with */
    public int status() {
        return status;
    }
}
