package io.downtime.incident.service;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.downtime.common.problem.ProblemException;
import io.downtime.common.security.ServiceScope;
import io.downtime.incident.config.IncidentConfig;
import io.downtime.incident.domain.Cause;
import io.downtime.incident.domain.Component;
import io.downtime.incident.domain.Incident;
import io.downtime.incident.domain.IncidentStatus;
import io.downtime.incident.domain.MaintenanceWindow;
import io.downtime.incident.domain.MonitoredService;
import io.downtime.incident.domain.Outage;
import io.downtime.incident.domain.Quorum;
import io.downtime.incident.domain.Quorum.Verdict;
import io.downtime.incident.domain.Signal;
import io.downtime.incident.domain.TargetRegionState;
import io.downtime.incident.domain.TargetState;
import io.downtime.incident.domain.TimelineEntry;
import io.downtime.incident.domain.TimelineType;
import io.downtime.incident.heartbeat.HeartbeatService;
import io.downtime.incident.heartbeat.Liveness;
import io.downtime.incident.maintenance.MaintenanceService;
import io.downtime.incident.repository.IncidentRepository;
import io.downtime.incident.repository.OutageRepository;
import io.downtime.incident.repository.OutageTargetRepository;
import io.downtime.incident.repository.ServiceRepository;
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
 * <li>Service goes down again, but the region states show it was still down when its last outage was closed (a late
 * DOWN of another region with an earlier first bad probe, see {@link Quorum#downSince}): reopen that outage and its
 * incident ({@code REOPENED}) instead of opening a second outage that starts at the old end.</li>
 * <li>Still down, an earlier first bad probe arrives: move the outage (and incident) start back.</li>
 * <li>Service recovers: end the outage when the last of the targets that were down during it fell back to the quorum
 * limit, computed from the stored region states ({@link Quorum#recoveredAt}), not from whichever signal happened to
 * break the quorum; resolve its incident ({@code resolvedAt} = server time) unless it was already resolved by
 * hand.</li>
 * </ul>
 * Outages never overlap: a new outage starts no earlier than the previous one of the service ended.
 */
@ApplicationScoped
public class OutageService {

    private static final Logger LOG = Logger.getLogger(OutageService.class);

    private final OutageRepository outages;
    private final OutageTargetRepository outageTargets;
    private final IncidentRepository incidents;
    private final TimelineRepository timeline;
    private final TargetRegionStateRepository states;
    private final IncidentConfig config;
    private final ServiceRepository services;
    private final ServiceCatalog catalog;
    private final HeartbeatService heartbeats;
    private final MaintenanceService maintenance;
    private final IncidentMetrics metrics;

    public OutageService(OutageRepository outages, OutageTargetRepository outageTargets, IncidentRepository incidents,
            TimelineRepository timeline, TargetRegionStateRepository states, IncidentConfig config,
            ServiceRepository services, ServiceCatalog catalog, HeartbeatService heartbeats,
            MaintenanceService maintenance, IncidentMetrics metrics) {
        this.outages = outages;
        this.outageTargets = outageTargets;
        this.incidents = incidents;
        this.timeline = timeline;
        this.states = states;
        this.config = config;
        this.services = services;
        this.catalog = catalog;
        this.heartbeats = heartbeats;
        this.maintenance = maintenance;
        this.metrics = metrics;
    }

    /**
     * What one evaluation works with.
     *
     * @param row the service's row; null when it has none
     * @param components the service's configured components
     * @param liveness which regions count
     * @param all every (target, region) state of the service, left-out regions included
     * @param alive the states of the regions that count
     */
    private record Context(MonitoredService row, List<Component> components, Liveness liveness,
            List<TargetRegionState> all,
            List<Quorum.RegionState> alive) {
    }

    /**
     * Outages of a service overlapping {@code [from, to)}, ordered by start.
     *
     * @param service service name; an unknown service has no outages
     * @param from inclusive lower bound
     * @param to exclusive upper bound, after {@code from}
     * @param scope the caller's scope
     * @throws ProblemException 404 (failed Uni) when {@code service} is outside {@code scope}
     */
    @WithSession
    public Uni<List<Outage>> overlapping(String service, Instant from, Instant to, ServiceScope scope) {
        scope.requireVisible(service, () -> ProblemException.notFound("Service '" + service + "' does not exist."));
        return outages.overlapping(service, from, to);
    }

    /**
     * Re-evaluates a service after {@code trigger} was applied to its (target, region) state. Must run in the
     * transaction that holds the service lock.
     *
     * @param service service name
     * @param trigger the signal just applied; null when the regions that count changed (a heartbeat timed out or
     *        came back)
     * @param now server time
     * @return what changed
     */
    public Uni<Evaluation> reevaluate(String service, Signal trigger, Instant now) {
        return services.findReadOnly(service).chain(row -> heartbeats.liveness(now)
                .chain(liveness -> states.listByService(service)
                        .chain(rows -> reevaluate(service, trigger, now, row, liveness, rows))));
    }

    /**
     * {@link #reevaluate(String, Signal, Instant)} with what the caller already read in this transaction, under the
     * service lock, so that it is not read again.
     *
     * @param row the service's row (detached is fine; read only); null when the service has no row
     * @param liveness which regions count at {@code now}
     * @param rows every (target, region) state of the service as stored now, left-out regions included
     * @return what changed
     */
    public Uni<Evaluation> reevaluate(String service, Signal trigger, Instant now, MonitoredService row,
            Liveness liveness, List<TargetRegionState> rows) {
        List<Component> components = row == null ? List.of() : catalog.components(row);
        List<Quorum.RegionState> alive = countedStates(rows, liveness);
        Context ctx = new Context(row, components, liveness, rows, alive);
        Verdict verdict = Quorum.evaluate(alive, config.quorum(), components);
        return outages.findOpen(service).chain(open -> {
            if (verdict.down() && open == null) {
                return openOrReopen(service, verdict, ctx, trigger, now);
            }
            if (verdict.down()) {
                return outageTargets.addAll(open.id, downTargetNames(verdict))
                        .chain(() -> verdict.start().isBefore(open.startedAt) ? moveStart(open, verdict, now)
                                : Uni.createFrom().item(Evaluation.NONE));
            }
            if (open != null) {
                return end(open, ctx, trigger, now);
            }
            return Uni.createFrom().item(Evaluation.NONE);
        });
    }

    private Uni<Evaluation> openOrReopen(String service, Verdict verdict, Context ctx, Signal trigger, Instant now) {
        return outages.findLastClosed(service).chain(last -> {
            if (last != null) {
                Instant downSince = Quorum.downSince(ctx.alive(), config.quorum(), ctx.components());
                if (!downSince.isAfter(last.endedAt)) {
                    return reopen(last, verdict, downSince, trigger, now);
                }
            }
            return open(service, verdict, ctx.row(), last == null ? null : last.endedAt, now);
        });
    }

    private Uni<Evaluation> open(String service, Verdict verdict, MonitoredService row, Instant lastEnd, Instant now) {
        Instant start = notBefore(verdict.start(), lastEnd);
        String detail = "service down: " + describe(verdict) + "; outage start " + start;
        return maintenance.windowAt(service, start).chain(window -> incidents
                .findOpenByDedupKeyForUpdate(Incident.dedupKeyOf(service)).chain(existing -> {
                    if (existing != null) {
                        existing.endedAt = null;
                        return persistOutage(service, start, verdict, existing.id, existing.cause, window)
                                .call(() -> timeline.append(TimelineEntry.of(existing.id, now, config.systemActor(),
                                        TimelineType.OUTAGE_STARTED, detail)))
                                .map(o -> new Evaluation(Evaluation.Change.OPENED, existing.id, false));
                    }
                    return (window != null ? Uni.createFrom().<Incident> nullItem() : cascadeRoot(service, row))
                            .chain(root -> openIncident(service, verdict, start, detail, window, root, now));
                }));
    }

    /**
     * Opens a new incident: inside a maintenance window it is MAINTENANCE and pages nobody; when a service it
     * (transitively) depends on has an open outage, it is a cascade: cause DEPENDENCY, linked to that outage's root
     * incident, not paged; otherwise its cause is suggested from the reason ({@link Cause#suggestedFor}).
     */
    private Uni<Evaluation> openIncident(String service, Verdict verdict, Instant start, String detail,
            MaintenanceWindow window, Incident root, Instant now) {
        Incident incident = Incident.withDefaults();
        incident.service = service;
        incident.status = IncidentStatus.TRIGGERED;
        incident.reason = verdict.reason();
        incident.dedupKey = Incident.dedupKeyOf(service);
        incident.startedAt = start;
        incident.detectedAt = now;
        String system = config.systemActor();
        String note;
        if (window != null) {
            incident.cause = Cause.MAINTENANCE;
            incident.paged = false;
            note = "inside maintenance window " + window.id + " (" + window.title + "): cause MAINTENANCE, not paged, "
                    + "outage marked for SLA exclusion";
        } else if (root != null) {
            incident.cause = Cause.DEPENDENCY;
            incident.paged = false;
            incident.rootIncidentId = root.rootIncidentId != null ? root.rootIncidentId : root.id;
            note = "cascade: service " + root.service + " it depends on is down (incident " + root.id + "); linked to root "
                    + "incident " + incident.rootIncidentId + ", cause DEPENDENCY, not paged";
        } else {
            incident.cause = Cause.suggestedFor(verdict.reason());
            note = null;
        }
        return incidents.persistAndFlush(incident)
                .call(i -> timeline.append(TimelineEntry.of(i.id, now, system, TimelineType.TRIGGERED,
                        detail + "; cause " + i.cause + (i.paged ? "" : " (not paged)"))))
                .call(i -> note == null ? Uni.createFrom().voidItem()
                        : timeline.append(TimelineEntry.of(i.id, now, system,
                                window != null ? TimelineType.MAINTENANCE : TimelineType.LINKED_TO_ROOT, note)))
                .call(i -> persistOutage(service, start, verdict, i.id, i.cause, window))
                .call(i -> window == null && root == null ? linkDependents(i, now) : Uni.createFrom().voidItem())
                .invoke(i -> {
                    metrics.opened(i);
                    LOG.infof("incident %d opened (cause %s, paged %s): %s", i.id, i.cause, i.paged, detail);
                })
                .map(i -> new Evaluation(Evaluation.Change.OPENED, i.id, true));
    }

    /**
     * A root incident opened after incidents of services that (transitively) depend on its service: links those that
     * are open and unlinked to it ({@code rootIncidentId}, timeline {@code LINKED_TO_ROOT}; cause DEPENDENCY unless a
     * human set the cause). They were already paged when they opened, so {@code paged} stays as it is.
     */
    private Uni<Void> linkDependents(Incident root, Instant now) {
        return services.listAllReadOnly().chain(all -> {
            java.util.Map<String, List<String>> dependsOn = new java.util.HashMap<>();
            all.forEach(s -> dependsOn.put(s.name, catalog.dependsOn(s)));
            Set<String> dependents = new java.util.TreeSet<>();
            java.util.Deque<String> queue = new java.util.ArrayDeque<>(List.of(root.service));
            while (!queue.isEmpty()) {
                String current = queue.poll();
                dependsOn.forEach((name, deps) -> {
                    if (deps.contains(current) && !name.equals(root.service) && dependents.add(name)) {
                        queue.add(name);
                    }
                });
            }
            if (dependents.isEmpty()) {
                return Uni.createFrom().voidItem();
            }
            return incidents.openUnlinkedForUpdate(dependents).chain(open -> {
                Uni<Void> chain = Uni.createFrom().voidItem();
                for (Incident dependent : open) {
                    dependent.rootIncidentId = root.id;
                    String detail = "cascade: service " + root.service + " it depends on went down (incident " + root.id
                            + "); linked to it as root";
                    if (!Incident.CAUSE_HUMAN.equals(dependent.causeSource) && dependent.cause != Cause.DEPENDENCY) {
                        detail += "; cause " + dependent.cause + " -> " + Cause.DEPENDENCY;
                        dependent.cause = Cause.DEPENDENCY;
                        chain = chain.chain(() -> outages.setCauseOfIncident(dependent.id, Cause.DEPENDENCY)).replaceWithVoid();
                    }
                    TimelineEntry entry = TimelineEntry.of(dependent.id, now, config.systemActor(),
                            TimelineType.LINKED_TO_ROOT, detail);
                    chain = chain.chain(() -> timeline.append(entry)).replaceWithVoid();
                }
                return chain;
            });
        });
    }

    /**
     * The incident that explains an outage of {@code service} by its dependencies: breadth-first over
     * {@code dependsOn} (nearest first), the first dependency with an open outage that has an incident.
     *
     * @return that incident, or null when no dependency is down
     */
    private Uni<Incident> cascadeRoot(String service, MonitoredService row) {
        if (row == null) {
            return Uni.createFrom().nullItem();
        }
        return cascadeRoot(new java.util.ArrayDeque<>(catalog.dependsOn(row)), new HashSet<>(Set.of(service)));
    }

    private Uni<Incident> cascadeRoot(java.util.Deque<String> queue, Set<String> seen) {
        String next = queue.poll();
        if (next == null) {
            return Uni.createFrom().nullItem();
        }
        if (!seen.add(next)) {
            return cascadeRoot(queue, seen);
        }
        return outages.findOpenUnlocked(next).chain(open -> {
            if (open != null && open.incidentId != null) {
                return incidents.findById(open.incidentId);
            }
            return services.findReadOnly(next).chain(row -> {
                if (row != null) {
                    queue.addAll(catalog.dependsOn(row));
                }
                return cascadeRoot(queue, seen);
            });
        });
    }

    /**
     * The service was still down when {@code last} was closed: clear its end, record the targets now down, move its
     * start back if the verdict says so, and reopen its incident (to {@code TRIGGERED}, whether it had been resolved
     * automatically or by hand; the timeline says why). Should another incident hold the dedup key open meanwhile,
     * the outage is attached to that one instead, as {@link #open} would.
     */
    private Uni<Evaluation> reopen(Outage last, Verdict verdict, Instant downSince, Signal trigger, Instant now) {
        Instant previousEnd = last.endedAt;
        last.endedAt = null;
        String why = "outage reopened: " + (trigger == null ? "the regions that count now (heartbeats changed)"
                : "a late " + trigger.state() + " of target " + trigger.target() + " in region " + trigger.region()
                        + " (first bad probe " + trigger.observedAt() + ", confirmed " + trigger.confirmedAt() + ")")
                + " show the service down since " + downSince + ", before the recorded end " + previousEnd + "; "
                + describe(verdict);
        LOG.infof("outage of %s reopened: %s", last.service, why);
        Uni<Long> incidentId = last.incidentId == null ? Uni.createFrom().nullItem()
                : incidents.findByIdForUpdate(last.incidentId).chain(incident -> reopenIncident(incident, why, now));
        return outageTargets.addAll(last.id, downTargetNames(verdict))
                .chain(() -> incidentId)
                .invoke(id -> last.incidentId = id)
                .chain(id -> verdict.start().isBefore(last.startedAt) ? moveStart(last, verdict, now).replaceWith(id)
                        : Uni.createFrom().item(id))
                .map(id -> new Evaluation(Evaluation.Change.REOPENED, id, false));
    }

    private Uni<Long> reopenIncident(Incident incident, String why, Instant now) {
        String system = config.systemActor();
        if (incident.status.isOpen()) {
            incident.endedAt = null;
            return timeline.append(TimelineEntry.of(incident.id, now, system, TimelineType.REOPENED, why))
                    .replaceWith(incident.id);
        }
        return incidents.findOpenByDedupKeyForUpdate(incident.dedupKey).chain(other -> {
            if (other != null) {
                other.endedAt = null;
                return timeline.append(TimelineEntry.of(other.id, now, system, TimelineType.REOPENED,
                        why + "; attached here because incident " + incident.id + " is resolved and this one is open"))
                        .replaceWith(other.id);
            }
            Instant resolvedAt = incident.resolvedAt;
            incident.status = IncidentStatus.TRIGGERED;
            incident.resolvedAt = null;
            incident.endedAt = null;
            return timeline.append(TimelineEntry.of(incident.id, now, system, TimelineType.REOPENED,
                    IncidentStatus.RESOLVED + " -> " + IncidentStatus.TRIGGERED + " (was resolved at " + resolvedAt
                            + "): " + why))
                    .replaceWith(incident.id);
        });
    }

    private Uni<Evaluation> moveStart(Outage open, Verdict verdict, Instant now) {
        return outages.lastEndExcept(open.service, open.id).chain(lastEnd -> {
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

    /**
     * Ends the open outage. End = when the last component that was down recovered, from the states of the regions
     * that count ({@link Quorum#recoveredAt(java.util.Collection, java.util.Collection, double, List)}), but not before
     * the last heartbeat of a left-out (stale) region that still says DOWN for one of the outage's targets: until its
     * prober went silent its word counted.
     */
    private Uni<Evaluation> end(Outage open, Context ctx, Signal trigger, Instant now) {
        return outageTargets.list(open.id).chain(recorded -> {
            Set<String> wereDown = new HashSet<>(recorded);
            if (trigger != null) {
                wereDown.add(trigger.target());
            }
            Instant recovered = Quorum.recoveredAt(ctx.alive(), wereDown, config.quorum(), ctx.components());
            Instant silentSince = ctx.all().stream()
                    .filter(s -> !ctx.liveness().alive(s.region) && s.state == TargetState.DOWN
                            && wereDown.contains(s.target))
                    .map(s -> ctx.liveness().lastHeartbeat().get(s.region)).filter(java.util.Objects::nonNull)
                    .max(Instant::compareTo).orElse(null);
            Instant end = recovered != null ? recovered : trigger != null ? trigger.observedAt() : now;
            end = notBefore(notBefore(end, silentSince), open.startedAt);
            open.endedAt = end;
            Instant ended = end;
            if (open.incidentId == null) {
                return Uni.createFrom().item(new Evaluation(Evaluation.Change.ENDED, null, false));
            }
            String why = trigger == null ? "regions that count changed (heartbeats)"
                    : "triggered by target " + trigger.target() + " " + trigger.state() + " in region " + trigger.region()
                            + ", " + trigger.reason();
            return incidents.findByIdForUpdate(open.incidentId).chain(incident -> {
                incident.endedAt = ended;
                String system = config.systemActor();
                Uni<TimelineEntry> entries = timeline.append(TimelineEntry.of(incident.id, now, system,
                        TimelineType.OUTAGE_ENDED, "service recovered: outage ended at " + ended + " (last of "
                                + String.join(", ", new TreeSet<>(wereDown)) + " back within quorum; " + why + ")"));
                if (incident.status.isOpen()) {
                    incident.status = IncidentStatus.RESOLVED;
                    incident.resolvedAt = now;
                    metrics.resolved(incident);
                    entries = entries.chain(() -> timeline.append(TimelineEntry.of(incident.id, now, system,
                            TimelineType.RESOLVED, "resolved automatically: outage ended at " + ended)));
                }
                LOG.infof("outage of %s ended at %s; incident %d %s", open.service, ended, incident.id, incident.status);
                return entries.map(e -> new Evaluation(Evaluation.Change.ENDED, incident.id, false));
            });
        });
    }

    private Uni<Outage> persistOutage(String service, Instant start, Verdict verdict, Long incidentId, Cause cause,
            MaintenanceWindow window) {
        Outage outage = new Outage();
        outage.service = service;
        outage.state = "DOWN";
        outage.startedAt = start;
        outage.reason = verdict.reason();
        outage.incidentId = incidentId;
        outage.cause = window != null ? Cause.MAINTENANCE : cause;
        outage.maintenance = window != null;
        outage.maintenanceWindowId = window == null ? null : window.id;
        return outages.persistAndFlush(outage).call(o -> outageTargets.addAll(o.id, downTargetNames(verdict)));
    }

    private static List<String> downTargetNames(Verdict verdict) {
        return verdict.downTargets().stream().map(Quorum.TargetTally::target).toList();
    }

    /**
     * @return {@code instant}, or {@code bound} when {@code instant} is before it (null: no bound); the rule that keeps
     *         an outage from starting before the previous one of its service ended
     */
    static Instant notBefore(Instant instant, Instant bound) {
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

    /**
     * The region states that count: those of alive regions (stale ones are left out), plus an implicit UP (since the
     * epoch: it never reported a change) for each heartbeating region that reports on the service (has a state of
     * one of its targets) but has none of a target another region reported on (e.g. a target just added). So the
     * quorum is taken over the regions currently heartbeating (and those that never heartbeated but report): one
     * region's first DOWN against alive regions that have not confirmed an UP yet is a minority, not an outage.
     */
    public static List<Quorum.RegionState> countedStates(List<TargetRegionState> rows, Liveness liveness) {
        List<Quorum.RegionState> counted = new java.util.ArrayList<>(rows.size());
        for (TargetRegionState r : rows) {
            if (liveness.alive(r.region)) {
                counted.add(toRegionState(r));
            }
        }
        if (liveness.heartbeating().isEmpty()) {
            // no implicit UPs (this runs for every signal a batch applies, issue 7)
            return counted;
        }
        java.util.Map<String, Set<String>> regionsByTarget = new java.util.TreeMap<>();
        Set<String> reporting = new HashSet<>();
        for (TargetRegionState r : rows) {
            regionsByTarget.computeIfAbsent(r.target, t -> new HashSet<>()).add(r.region);
            reporting.add(r.region);
        }
        regionsByTarget.forEach((target, reported) -> liveness.heartbeating().stream()
                .filter(region -> reporting.contains(region) && !reported.contains(region))
                .forEach(region -> counted.add(
                        new Quorum.RegionState(target, region, TargetState.UP, IMPLICIT_UP, Instant.EPOCH))));
        return counted;
    }

    /** Reason of the implicit UP of a heartbeating region that never reported on a target. */
    public static final String IMPLICIT_UP = "no_change_reported";

    private static Quorum.RegionState toRegionState(TargetRegionState s) {
        return new Quorum.RegionState(s.target, s.region, s.state, s.reason, s.observedAt);
    }
}
