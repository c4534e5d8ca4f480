package io.downtime.sla.client;

/** incident-service answered with a 5xx status: transient, retried and counted by the circuit breaker. */
public class IncidentUnavailableException extends RuntimeException {

    public IncidentUnavailableException(String message) {
        super(message);
    }
}
