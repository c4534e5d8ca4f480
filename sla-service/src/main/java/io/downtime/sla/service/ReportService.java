package io.downtime.sla.service;

import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;

import io.downtime.common.problem.ProblemException;
import io.downtime.sla.client.IncidentGateway;
import io.downtime.sla.client.IncidentOutage;
import io.downtime.sla.client.IncidentRejectedException;
import io.downtime.sla.model.Revenue;
import io.downtime.sla.model.SlaResponse;
import io.downtime.sla.model.SlaWindow;
import io.downtime.sla.report.BurnRatePolicy;
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
     * Report of {@code service} over {@code [from, to)}; defaults come from the SLA's window
     * ({@link SlaWindow#period}): rolling, {@code to} = now and {@code from} = {@code to} minus the window; calendar,
     * the calendar window in progress in the SLA's time zone. Times are truncated to milliseconds. Outages are
     * fetched from 3 days before the burn-rate evaluation time ({@code min(to, now)}) when that is earlier than
     * {@code from}, so the burn-rate windows see them. Sets the service's gauges.
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
        return slas.find(service).chain(sla -> report(sla, from, to));
    }

    /**
     * Like {@link #report(String, Instant, Instant)} for an SLA already read.
     *
     * @param sla the stored SLA
     * @param from inclusive start, or {@code null}
     * @param to exclusive end, or {@code null}
     * @return the report (and the service's gauges set)
     */
    public Uni<SlaReport> report(SlaResponse sla, Instant from, Instant to) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        SlaTerms terms = terms(sla);
        SlaWindow.Range range = terms.window().period(from, to, now, terms.zone());
        Instant start = range.from().truncatedTo(ChronoUnit.MILLIS);
        Instant end = range.to().truncatedTo(ChronoUnit.MILLIS);
        if (!start.isBefore(end)) {
            return Uni.createFrom().failure(ProblemException.badRequest(
                    "from must be before to (from " + start + ", to " + end + ")"));
        }
        Instant evaluatedAt = end.isBefore(now) ? end : now;
        Instant fetchFrom = min(start, evaluatedAt.minus(BurnRatePolicy.LONGEST));
        if (fetchFrom.isBefore(Instant.EPOCH)) {
            fetchFrom = Instant.EPOCH;
        }
        return incident.outages(sla.service(), fetchFrom, end)
                .onFailure().transform(ReportService::translate)
                .map(outages -> SlaCalculator.report(sla.service(), terms, start, end, now, toOutages(outages)))
                .invoke(metrics::record);
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    /** @return the calculator's view of a stored SLA */
    static SlaTerms terms(SlaResponse sla) {
        SlaWindow window = SlaWindow.parse(sla.window())
                .orElseThrow(() -> new IllegalStateException("bad stored window " + sla.window()));
        List<Revenue> revenue = sla.revenue() == null ? List.of() : sla.revenue().models();
        return new SlaTerms(sla.objective(), window, ZoneId.of(sla.timeZone()), sla.degradedWeight(),
                Set.copyOf(sla.excludeCauses()), sla.minOutageSeconds() * 1000, revenue, sla.monthlyFee(),
                sla.creditTiers());
    }

    private static List<Outage> toOutages(List<IncidentOutage> outages) {
        if (outages == null) {
            throw ProblemException.badGateway("incident-service answered without an outage list");
        }
        return outages.stream().map(o -> {
            if (o == null || o.start() == null) {
                throw ProblemException.badGateway("incident-service answered an outage without start");
            }
            return new Outage(o.start(), o.end(), o.reason(), state(o.state()), o.cause(),
                    Boolean.TRUE.equals(o.maintenance()), o.incidentId());
        }).toList();
    }

    private static Outage.State state(String state) {
        if (state == null || "DOWN".equals(state)) {
            return Outage.State.DOWN;
        }
        if ("DEGRADED".equals(state)) {
            return Outage.State.DEGRADED;
        }
        throw ProblemException.badGateway("incident-service answered an outage in state '" + state
                + "' (expected DOWN or DEGRADED)");
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
