package io.downtime.incident.service;

import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.downtime.incident.config.IncidentConfig;
import io.downtime.incident.domain.Incident;
import io.downtime.incident.domain.IncidentStatus;
import io.downtime.incident.domain.Outage;
import io.downtime.incident.domain.Quorum;
import io.downtime.incident.domain.Quorum.Verdict;
import io.downtime.incident.domain.Signal;
import io.downtime.incident.domain.TargetRegionState;
import io.downtime.incident.domain.TimelineEntry;
import io.downtime.incident.domain.TimelineType;
import io.downtime.incident.repository.IncidentRepository;
import io.downtime.incident.repository.OutageRepository;
import io.downtime.incident.repository.TargetRegionStateRepository;
import io.downtime.incident.repository.TimelineRepository;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;

/**
 * Turns region states into outages and outages into incidents.
 * <ul>
 * <li>Service goes down (see {@link Quorum}): open an outage starting at the earliest first bad probe of the
 * confirming regions, and a {@code TRIGGERED} incident with dedup key {@code service:<name>} (or attach the outage
 * to the open incident of that key, if any).</li>
 * <li>Still down, an earlier first bad probe arrives: move the outage (and incident) start back.</li>
 * <li>Service recovers: end the outage at the {@code observedAt} of the signal that ended it and resolve its
 * incident unless it was already resolved by hand.</li>
 * </ul>
 * Outages never overlap: a new outage starts no earlier than the previous one of the service ended.
 */
@ApplicationScoped
public class OutageService {

    private static final Logger LOG = Logger.getLogger(OutageService.class);

    private final OutageRepository outages;
    private final IncidentRepository incidents;
    private final TimelineRepository timeline;
    private final TargetRegionStateRepository states;
    private final IncidentConfig config;

    public OutageService(OutageRepository outages, IncidentRepository incidents, TimelineRepository timeline,
            TargetRegionStateRepository states, IncidentConfig config) {
        this.outages = outages;
        this.incidents = incidents;
        this.timeline = timeline;
        this.states = states;
        this.config = config;
    }

    /**
     * Outages of a service overlapping {@code [from, to)}, ordered by start.
     *
     * @param service service name; an unknown service has no outages
     * @param from inclusive lower bound
     * @param to exclusive upper bound, after {@code from}
     */
    @WithSession
    public Uni<List<Outage>> overlapping(String service, Instant from, Instant to) {
        return outages.overlapping(service, from, to);
    }

    /**
     * Re-evaluates a service after {@code trigger} was applied to its (target, region) state. Must run in the
     * transaction that holds the service lock.
     *
     * @param service service name
     * @param trigger the signal just applied
     * @param now server time
     * @return what changed
     */
    public Uni<Evaluation> reevaluate(String service, Signal trigger, Instant now) {
        return states.listByService(service)
                .map(rows -> Quorum.evaluate(rows.stream().map(OutageService::toRegionState).toList(), config.quorum()))
                .chain(verdict -> outages.findOpen(service).chain(open -> {
                    if (verdict.down() && open == null) {
                        return open(service, verdict, now);
                    }
                    if (verdict.down() && verdict.start().isBefore(open.startedAt)) {
                        return moveStart(open, verdict, now);
                    }
                    if (!verdict.down() && open != null) {
                        return end(open, trigger, now);
                    }
                    return Uni.createFrom().item(Evaluation.NONE);
                }));
    }

    private Uni<Evaluation> open(String service, Verdict verdict, Instant now) {
        return outages.lastEnd(service).chain(lastEnd -> {
            Instant start = notBefore(verdict.start(), lastEnd);
            String detail = "service down: " + describe(verdict) + "; outage start " + start;
            return incidents.findOpenByDedupKeyForUpdate(Incident.dedupKeyOf(service)).chain(existing -> {
                if (existing != null) {
                    existing.endedAt = null;
                    return persistOutage(service, start, verdict.reason(), existing.id)
                            .call(() -> timeline.append(TimelineEntry.of(existing.id, now, config.systemActor(),
                                    TimelineType.OUTAGE_STARTED, detail)))
                            .map(o -> new Evaluation(Evaluation.Change.OPENED, existing.id, false));
                }
                Incident incident = new Incident();
                incident.service = service;
                incident.status = IncidentStatus.TRIGGERED;
                incident.reason = verdict.reason();
                incident.dedupKey = Incident.dedupKeyOf(service);
                incident.startedAt = start;
                incident.detectedAt = now;
                return incidents.persistAndFlush(incident)
                        .call(i -> timeline.append(
                                TimelineEntry.of(i.id, now, config.systemActor(), TimelineType.TRIGGERED, detail)))
                        .call(i -> persistOutage(service, start, verdict.reason(), i.id))
                        .invoke(i -> LOG.infof("incident %d opened: %s", i.id, detail))
                        .map(i -> new Evaluation(Evaluation.Change.OPENED, i.id, true));
            });
        });
    }

    private Uni<Evaluation> moveStart(Outage open, Verdict verdict, Instant now) {
        return outages.lastEnd(open.service).chain(lastEnd -> {
            Instant start = notBefore(verdict.start(), lastEnd);
            if (!start.isBefore(open.startedAt)) {
                return Uni.createFrom().item(Evaluation.NONE);
            }
            Instant previous = open.startedAt;
            open.startedAt = start;
            open.reason = verdict.reason();
            if (open.incidentId == null) {
                return Uni.createFrom().item(new Evaluation(Evaluation.Change.START_MOVED, null, false));
            }
            return incidents.findByIdForUpdate(open.incidentId).chain(incident -> {
                if (incident.startedAt.isAfter(start)) {
                    incident.startedAt = start;
                }
                String detail = "outage start moved from " + previous + " to " + start + ": " + describe(verdict);
                return timeline.append(
                        TimelineEntry.of(incident.id, now, config.systemActor(), TimelineType.START_MOVED, detail))
                        .map(e -> new Evaluation(Evaluation.Change.START_MOVED, incident.id, false));
            });
        });
    }

    private Uni<Evaluation> end(Outage open, Signal trigger, Instant now) {
        Instant end = notBefore(trigger.observedAt(), open.startedAt);
        open.endedAt = end;
        if (open.incidentId == null) {
            return Uni.createFrom().item(new Evaluation(Evaluation.Change.ENDED, null, false));
        }
        return incidents.findByIdForUpdate(open.incidentId).chain(incident -> {
            incident.endedAt = end;
            String system = config.systemActor();
            Uni<TimelineEntry> entries = timeline.append(TimelineEntry.of(incident.id, now, system,
                    TimelineType.OUTAGE_ENDED, "service recovered: outage ended at " + end + " (target " + trigger.target()
                            + " " + trigger.state() + " in region " + trigger.region() + ", " + trigger.reason() + ")"));
            if (incident.status.isOpen()) {
                incident.status = IncidentStatus.RESOLVED;
                incident.resolvedAt = end;
                entries = entries.chain(() -> timeline.append(TimelineEntry.of(incident.id, now, system,
                        TimelineType.RESOLVED, "resolved automatically: outage ended at " + end)));
            }
            LOG.infof("outage of %s ended at %s; incident %d %s", open.service, end, incident.id, incident.status);
            return entries.map(e -> new Evaluation(Evaluation.Change.ENDED, incident.id, false));
        });
    }

    private Uni<Outage> persistOutage(String service, Instant start, String reason, Long incidentId) {
        Outage outage = new Outage();
        outage.service = service;
        outage.startedAt = start;
        outage.reason = reason;
        outage.incidentId = incidentId;
        return outages.persist(outage);
    }

    private static Instant notBefore(Instant instant, Instant bound) {
        return bound != null && instant.isBefore(bound) ? bound : instant;
    }

    private static String describe(Verdict verdict) {
        String targets = verdict.downTargets().stream()
                .map(t -> t.target() + " DOWN in " + t.down() + " of " + t.reporting() + " regions")
                .collect(Collectors.joining(", "));
        Quorum.RegionState first = verdict.earliest();
        return targets + "; first bad probe " + first.observedAt() + " (" + first.target() + " in " + first.region() + ", "
                + first.reason() + ")";
    }

    private static Quorum.RegionState toRegionState(TargetRegionState s) {
        return new Quorum.RegionState(s.target, s.region, s.state, s.reason, s.observedAt);
    }
}
