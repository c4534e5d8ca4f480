package io.downtime.sla.service;

import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.downtime.sla.config.SlaConfig;
import io.downtime.sla.model.SlaResponse;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.scheduler.ScheduledExecution;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * Keeps the Prometheus gauges of {@link SlaMetrics} current without anyone asking for reports: every
 * {@code downtime.sla.metrics.refresh} (default 60 s, first run {@code downtime.sla.metrics.initial-delay} after
 * start-up) it computes the default report of every stored SLA — its rolling window ending now, or its calendar
 * window in progress — which sets the gauges. Non-blocking (a {@code Uni} on the Vert.x event loop); a run is
 * skipped while the previous one is still going, and when metrics are disabled. A service whose report fails
 * (incident-service unavailable) keeps its previous values and is logged; the others are refreshed.
 */
@ApplicationScoped
public class SlaMetricsRefresher {

    private static final Logger LOG = Logger.getLogger(SlaMetricsRefresher.class);
    /** Reports computed at the same time. */
    private static final int CONCURRENCY = 4;

    private final SlaService slas;
    private final ReportService reports;

    public SlaMetricsRefresher(SlaService slas, ReportService reports) {
        this.slas = slas;
        this.reports = reports;
    }

    @Scheduled(identity = "sla-metrics-refresh", every = "${downtime.sla.metrics.refresh:60s}", delayed = "${downtime.sla.metrics.initial-delay:10s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP, skipExecutionIf = Disabled.class)
    Uni<Void> scheduled() {
        return refreshAll().replaceWithVoid();
    }

    /**
     * Computes the default report of every SLA, {@value #CONCURRENCY} at a time. Must run on a Vert.x context.
     *
     * @return how many services were refreshed (reports that failed are not counted)
     */
    public Uni<Integer> refreshAll() {
        return slas.all().onItem().transformToMulti(list -> Multi.createFrom().iterable(list))
                .onItem().transformToUni(this::refresh).merge(CONCURRENCY)
                .collect().with(Collectors.summingInt(ok -> ok ? 1 : 0));
    }

    private Uni<Boolean> refresh(SlaResponse sla) {
        return reports.report(sla, null, null).replaceWith(true)
                .onFailure().recoverWithItem(failure -> {
                    LOG.debugf("Metrics of %s not refreshed: %s", sla.service(), failure.getMessage());
                    return false;
                });
    }

    /** Skips the scheduled refresh when {@code downtime.sla.metrics.enabled=false}. */
    @ApplicationScoped
    public static class Disabled implements Scheduled.SkipPredicate {

        private final SlaConfig config;

        public Disabled(SlaConfig config) {
            this.config = config;
        }

        @Override
        public boolean test(ScheduledExecution execution) {
            return !config.metrics().enabled();
        }
    }
}
