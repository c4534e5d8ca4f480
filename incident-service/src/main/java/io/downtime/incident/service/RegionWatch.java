package io.downtime.incident.service;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.downtime.incident.heartbeat.HeartbeatService;
import io.downtime.incident.repository.IncidentRepository;
import io.downtime.incident.repository.ServiceRepository;
import io.downtime.incident.repository.TargetRegionStateRepository;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * Scheduled check (every {@code downtime.incident.heartbeat-check-interval}, default 5 s, on each replica): when a
 * region's heartbeat timed out (or came back), re-evaluates every service that region reports on, one transaction per
 * service under its lock, so that a silent prober's DOWN stops counting (and a recovered prober's states count again)
 * without waiting for the next signal. The flip of the recorded aliveness is conditional, so one replica acts on each
 * change. Also refreshes the {@code incidents_open{severity}},
 * {@code regions_stale} and {@code regions_heartbeating} gauges.
 */
@ApplicationScoped
public class RegionWatch {

    private static final Logger LOG = Logger.getLogger(RegionWatch.class);

    private final HeartbeatService heartbeats;
    private final TargetRegionStateRepository states;
    private final ServiceRepository services;
    private final OutageService outages;
    private final IncidentRepository incidents;
    private final IncidentMetrics metrics;
    private final Clock clock;

    public RegionWatch(HeartbeatService heartbeats, TargetRegionStateRepository states, ServiceRepository services,
            OutageService outages, IncidentRepository incidents, IncidentMetrics metrics, Clock clock) {
        this.heartbeats = heartbeats;
        this.states = states;
        this.services = services;
        this.outages = outages;
        this.incidents = incidents;
        this.metrics = metrics;
        this.clock = clock;
    }

    @Scheduled(every = "${downtime.incident.heartbeat-check-interval}", delayed = "1s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> check() {
        return heartbeats.recordChanges()
                .chain(this::reevaluateRegions)
                .chain(() -> Panache.withSession(incidents::openCountBySeverity).invoke(metrics::openIncidents))
                .chain(() -> Panache.withSession(() -> heartbeats.liveness(Instant.now(clock)))
                        .invoke(l -> metrics.regions(l.stale().size(), l.heartbeating().size())))
                .onFailure().invoke(e -> LOG.warnf("region check failed (retried next interval): %s", e.toString()))
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }

    /** Re-evaluates every service the regions report on. */
    public Uni<Void> reevaluateRegions(Set<String> regions) {
        if (regions.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return Multi.createFrom().iterable(regions)
                .onItem().transformToUniAndConcatenate(r -> Panache.withSession(() -> states.servicesReportedBy(r)))
                .collect().in(LinkedHashSet<String>::new, (set, list) -> set.addAll(list))
                .chain(all -> Multi.createFrom().iterable(List.copyOf(all))
                        .onItem().transformToUniAndConcatenate(this::reevaluate)
                        .collect().last())
                .replaceWithVoid();
    }

    private Uni<Evaluation> reevaluate(String service) {
        Instant now = Instant.now(clock).truncatedTo(ChronoUnit.MICROS);
        return Panache.withTransaction(() -> services.lock(service).chain(() -> outages.reevaluate(service, null, now)))
                .invoke(e -> {
                    if (e.change() != Evaluation.Change.NONE) {
                        LOG.infof("service %s re-evaluated after a heartbeat change: %s", service, e.change());
                    }
                });
    }
}
