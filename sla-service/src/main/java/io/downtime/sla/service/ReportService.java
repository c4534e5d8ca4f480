package io.downtime.sla.service;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;

import io.downtime.common.problem.ProblemException;
import io.downtime.sla.client.IncidentGateway;
import io.downtime.sla.client.IncidentOutage;
import io.downtime.sla.client.IncidentRejectedException;
import io.downtime.sla.model.SlaResponse;
import io.downtime.sla.model.SlaWindows;
import io.downtime.sla.report.Outage;
import io.downtime.sla.report.SlaCalculator;
import io.downtime.sla.report.SlaReport;
import io.downtime.sla.report.SlaTerms;
import io.smallrye.mutiny.Uni;

/**
 * Builds SLA reports: reads the SLA, fetches the outages of the period from incident-service, and hands both to
 * {@link SlaCalculator}. Without outages there is no report: when incident-service cannot answer, the report fails
 * with 503 (502 when it rejects the request or answers nonsense) rather than showing a wrong availability.
 */
@ApplicationScoped
public class ReportService {

    private static final Logger LOG = Logger.getLogger(ReportService.class);

    private final SlaService slas;
    private final IncidentGateway incident;
    private final SlaMetrics metrics;

    public ReportService(SlaService slas, IncidentGateway incident, SlaMetrics metrics) {
        this.slas = slas;
        this.incident = incident;
        this.metrics = metrics;
    }

    /**
     * Report of {@code service} over {@code [from, to)}. Defaults: {@code to} = now; {@code from} = {@code to} minus
     * the SLA's window (so with neither, the SLA window ending now). Times are truncated to milliseconds.
     *
     * @param service service name
     * @param from inclusive start, or {@code null}
     * @param to exclusive end, or {@code null}
     * @return the report; fails with {@link ProblemException}: 400 when {@code from ≥ to}, 404 when the service has
     *         no SLA, 502/503 when incident-service rejects the request or is unavailable
     */
    public Uni<SlaReport> report(String service, Instant from, Instant to) {
        if (from != null && to != null && !from.isBefore(to)) {
            return Uni.createFrom().failure(ProblemException.badRequest("from must be before to"));
        }
        return slas.find(service).chain(sla -> {
            Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
            Instant end = (to != null ? to : now).truncatedTo(ChronoUnit.MILLIS);
            Instant start = (from != null ? from : end.minus(Duration.ofDays(windowDays(sla))))
                    .truncatedTo(ChronoUnit.MILLIS);
            if (!start.isBefore(end)) {
                return Uni.createFrom().<SlaReport> failure(ProblemException.badRequest(
                        "from must be before to (from " + start + ", to " + end + ")"));
            }
            return incident.outages(service, start, end)
                    .onFailure().transform(ReportService::translate)
                    .map(outages -> SlaCalculator.report(service, terms(sla), start, end, now, toOutages(outages)));
        }).invoke(metrics::record);
    }

    private static int windowDays(SlaResponse sla) {
        return SlaWindows.days(sla.window()).orElseThrow(() -> new IllegalStateException("bad stored window"));
    }

    private static SlaTerms terms(SlaResponse sla) {
        return new SlaTerms(sla.objective(), sla.revenue(), sla.creditTiers());
    }

    private static List<Outage> toOutages(List<IncidentOutage> outages) {
        if (outages == null) {
            throw ProblemException.badGateway("incident-service answered without an outage list");
        }
        return outages.stream().map(o -> {
            if (o == null || o.start() == null) {
                throw ProblemException.badGateway("incident-service answered an outage without start");
            }
            return new Outage(o.start(), o.end(), o.reason());
        }).toList();
    }

    /** Maps a failed outages call to the problem the client sees. */
    static Throwable translate(Throwable failure) {
        if (failure instanceof ProblemException) {
            return failure;
        }
        if (failure instanceof IncidentRejectedException rejected) {
            return ProblemException.badGateway("incident-service rejected the outages request with HTTP "
                    + rejected.status() + "; the report cannot be computed");
        }
        for (Throwable t = failure; t != null && t.getCause() != t; t = t.getCause()) {
            if (t instanceof JsonProcessingException) {
                return ProblemException.badGateway("incident-service answered an unreadable outage list");
            }
        }
        String why;
        if (failure instanceof CircuitBreakerOpenException) {
            why = "circuit breaker open after repeated failures";
        } else if (failure instanceof TimeoutException) {
            why = "timed out";
        } else {
            why = "unreachable or failing";
        }
        LOG.warnf("Outages from incident-service unavailable (%s): %s", why, failure.toString());
        return ProblemException.unavailable(
                "incident-service is unavailable (" + why + "); the report cannot be computed, retry later");
    }
}
