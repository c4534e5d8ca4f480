package io.downtime.incident.service;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import io.downtime.common.security.ServiceScope;
import io.downtime.incident.domain.Incident;
import io.downtime.incident.repository.IncidentRepository;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;

/**
 * MTTD, MTTA and MTTR of a service over the incidents detected in {@code [from, to)} that paged (incidents inside
 * maintenance windows and cascades linked to a root incident are left out: nobody was paged for them):
 * <ul>
 * <li>MTTD (mean time to detect) = mean of {@code detectedAt − startedAt} (impact start → detection);</li>
 * <li>MTTA (mean time to acknowledge) = mean of {@code acknowledgedAt − detectedAt}, over acknowledged incidents;</li>
 * <li>MTTR (mean time to restore) = mean of {@code endedAt − startedAt} (impact start → impact end, the
 * probe-measured recovery), or {@code resolvedAt − startedAt} for resolved incidents without an impact end (resolved
 * by hand while still down, ingested alerts); open incidents are left out.</li>
 * </ul>
 * Definitions as in Google's SRE Workbook / incident-metrics practice; all in seconds.
 */
@ApplicationScoped
public class ServiceMetrics {

    private final IncidentRepository incidents;

    public ServiceMetrics(IncidentRepository incidents) {
        this.incidents = incidents;
    }

    /**
     * One metric.
     *
     * @param count incidents it was computed over
     * @param meanSeconds mean, seconds; null when count is 0
     * @param medianSeconds median, seconds; null when count is 0
     * @param maxSeconds maximum, seconds; null when count is 0
     */
    public record Figure(int count, Double meanSeconds, Double medianSeconds, Double maxSeconds) {
    }

    /** The metrics of one service over {@code [from, to)}; {@code incidents} = paged incidents detected then. */
    public record Report(String service, Instant from, Instant to, int incidents, Figure mttd, Figure mtta, Figure mttr) {
    }

    /**
     * @param scope the caller's scope
     * @return the report (a service without incidents: counts 0); 404 problem+json (failed Uni) when {@code service}
     *         is outside {@code scope}
     */
    @WithSession
    public Uni<Report> report(String service, Instant from, Instant to, ServiceScope scope) {
        scope.requireVisible(service,
                () -> io.downtime.common.problem.ProblemException.notFound("Service '" + service + "' does not exist."));
        return incidents.detectedBetween(service, from, to).map(all -> {
            List<Incident> paged = all.stream().filter(i -> i.paged).toList();
            return new Report(service, from, to, paged.size(),
                    figure(paged, i -> between(i.startedAt, i.detectedAt)),
                    figure(paged, i -> between(i.detectedAt, i.acknowledgedAt)),
                    figure(paged, i -> between(i.startedAt, i.endedAt != null ? i.endedAt : i.resolvedAt)));
        });
    }

    private static Duration between(Instant from, Instant to) {
        return from == null || to == null || to.isBefore(from) ? null : Duration.between(from, to);
    }

    static Figure figure(List<Incident> incidents, Function<Incident, Duration> metric) {
        List<Double> seconds = new ArrayList<>();
        for (Incident i : incidents) {
            Duration d = metric.apply(i);
            if (d != null) {
                seconds.add(d.toNanos() / 1e9);
            }
        }
        if (seconds.isEmpty()) {
            return new Figure(0, null, null, null);
        }
        seconds.sort(Double::compare);
        int n = seconds.size();
        double mean = seconds.stream().mapToDouble(Double::doubleValue).sum() / n;
        double median = n % 2 == 1 ? seconds.get(n / 2) : (seconds.get(n / 2 - 1) + seconds.get(n / 2)) / 2;
        return new Figure(n, mean, median, seconds.get(n - 1));
    }
}
