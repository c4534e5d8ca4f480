package io.downtime.sla.client;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.inject.RestClient;

import io.smallrye.mutiny.Uni;

/**
 * Fault-tolerant access to incident-service's outages and incidents. Each attempt times out after 3 s; up to 2 retries follow,
 * 200 ms ± 100 ms (jitter) apart, all within 10 s; the circuit breaker opens when half of the last 10 attempts
 * failed, stays open 5 s, and closes after 2 successful trial calls. 4xx answers
 * ({@link IncidentRejectedException}) are neither retried nor counted. All values can be overridden with
 * MicroProfile Fault Tolerance config keys, e.g. {@code io.downtime.sla.client.IncidentGateway/outages/Timeout/value}.
 * <p>
 * Failures reach the caller as they are ({@link IncidentUnavailableException}, a {@code ProcessingException} when
 * unreachable, {@code TimeoutException}, {@code CircuitBreakerOpenException}): the caller must fail the report,
 * never compute it without outages.
 */
@ApplicationScoped
public class IncidentGateway {

    private final IncidentClient client;

    public IncidentGateway(@RestClient IncidentClient client) {
        this.client = client;
    }

    /**
     * Outages of {@code service} overlapping {@code [from, to)}, ordered by start.
     *
     * @param service service name
     * @param from inclusive start
     * @param to exclusive end
     * @return the outages as incident-service reports them (open ones with {@code end == null})
     */
    @Timeout(value = 3, unit = ChronoUnit.SECONDS)
    @Retry(maxRetries = 2, delay = 200, jitter = 100, maxDuration = 10, durationUnit = ChronoUnit.SECONDS, abortOn = IncidentRejectedException.class)
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 5, delayUnit = ChronoUnit.SECONDS, successThreshold = 2, skipOn = IncidentRejectedException.class)
    public Uni<List<IncidentOutage>> outages(String service, Instant from, Instant to) {
        return client.outages(service, from.toString(), to.toString());
    }

    /**
     * Incidents of {@code service} in {@code status}, newest first (incident-service caps the list, 200 by default).
     * Same timeout, retry and circuit breaker policy as {@link #outages}, with its own circuit breaker; config keys
     * {@code io.downtime.sla.client.IncidentGateway/incidents/…}.
     *
     * @param service service name
     * @param status {@code TRIGGERED}, {@code ACKNOWLEDGED}, {@code MITIGATED} or {@code RESOLVED}
     * @return the incidents as incident-service lists them
     */
    @Timeout(value = 3, unit = ChronoUnit.SECONDS)
    @Retry(maxRetries = 2, delay = 200, jitter = 100, maxDuration = 10, durationUnit = ChronoUnit.SECONDS, abortOn = IncidentRejectedException.class)
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 5, delayUnit = ChronoUnit.SECONDS, successThreshold = 2, skipOn = IncidentRejectedException.class)
    public Uni<List<IncidentSummary>> incidents(String service, String status) {
        return client.incidents(service, status);
    }
}
