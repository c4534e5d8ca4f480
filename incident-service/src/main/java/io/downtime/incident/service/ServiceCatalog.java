package io.downtime.incident.service;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.downtime.common.problem.ProblemException;
import io.downtime.common.security.ServiceScope;
import io.downtime.incident.config.IncidentConfig;
import io.downtime.incident.domain.Component;
import io.downtime.incident.domain.MonitoredService;
import io.downtime.incident.domain.Quorum;
import io.downtime.incident.domain.TargetRegionState;
import io.downtime.incident.domain.TargetState;
import io.downtime.incident.heartbeat.HeartbeatService;
import io.downtime.incident.heartbeat.Liveness;
import io.downtime.incident.repository.ServiceRepository;
import io.downtime.incident.repository.TargetRegionStateRepository;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

/**
 * The service model: components (k of n redundant targets, in series) and {@code dependsOn}, stored on the service
 * row as JSON; and the current health of a service (targets, components, dissent, left-out regions).
 */
@ApplicationScoped
public class ServiceCatalog {

    private static final TypeReference<List<Component>> COMPONENTS = new TypeReference<>() {
    };
    private static final TypeReference<List<String>> NAMES = new TypeReference<>() {
    };

    private final ServiceRepository services;
    private final TargetRegionStateRepository states;
    private final HeartbeatService heartbeats;
    private final IncidentConfig config;
    private final ObjectMapper json;
    private final Clock clock;

    public ServiceCatalog(ServiceRepository services, TargetRegionStateRepository states, HeartbeatService heartbeats,
            IncidentConfig config, ObjectMapper json, Clock clock) {
        this.services = services;
        this.states = states;
        this.heartbeats = heartbeats;
        this.config = config;
        this.json = json;
        this.clock = clock;
    }

    /** A service's definition as stored. */
    public record Definition(String name, boolean configured, String description, List<Component> components,
            List<String> dependsOn, Instant createdAt, Instant updatedAt) {
    }

    /** Health of one target: global state and how its alive regions voted; stale regions are listed apart. */
    public record TargetHealth(String target, TargetState state, List<String> downRegions, List<String> degradedRegions,
            List<String> upRegions, List<String> leftOutRegions) {
    }

    /** Health of one component. */
    public record ComponentHealth(String name, int minHealthy, int targets, int healthy, boolean down, boolean implicit) {
    }

    /**
     * Health of a service now: {@code DOWN} while a component is down, {@code DEGRADED} while a target is DOWN or
     * DEGRADED in some alive region without the service being down (a minority of regions, or redundancy left), else
     * {@code UP}. {@code proberProblems} names the regions whose heartbeat stopped: their signals are left out.
     */
    public record Health(String service, TargetState state, List<ComponentHealth> components, List<TargetHealth> targets,
            List<String> proberProblems) {
    }

    /** @return the components of a service row (empty when unconfigured) */
    public List<Component> components(MonitoredService s) {
        return read(s.components, COMPONENTS);
    }

    /** @return the services it depends on */
    public List<String> dependsOn(MonitoredService s) {
        return read(s.dependsOn, NAMES);
    }

    public Definition definition(MonitoredService s) {
        return new Definition(s.name, s.configured, s.description, components(s), dependsOn(s), s.createdAt, s.updatedAt);
    }

    /** @return the services in {@code scope} (filtered in SQL), by name */
    @WithSession
    public Uni<List<Definition>> list(ServiceScope scope) {
        var byName = io.quarkus.panache.common.Sort.ascending("name");
        Uni<List<MonitoredService>> rows = scope.services()
                .map(names -> names.isEmpty() ? Uni.createFrom().item(List.<MonitoredService> of())
                        : services.list("name in ?1", byName, names))
                .orElseGet(() -> services.listAll(byName));
        return rows.map(list -> list.stream().map(this::definition).toList());
    }

    /** @throws ProblemException 404 when unknown or outside {@code scope} (the same answer) */
    @WithSession
    public Uni<Definition> get(String name, ServiceScope scope) {
        scope.requireVisible(name, () -> notFound(name));
        return services.findById(name).onItem().ifNull().failWith(() -> notFound(name)).map(this::definition);
    }

    /**
     * Creates ({@code create = true}: 409 when already configured) or replaces the configuration of a service. A row
     * created by signals becomes configured. Fails with 422 when a {@code dependsOn} service is unknown or the
     * dependency would close a cycle; with 403 when {@code name} is outside {@code scope} (before anything is read,
     * so the answer does not depend on whether the service exists).
     */
    @WithTransaction
    public Uni<Definition> save(String name, String description, List<Component> components, List<String> dependsOn,
            boolean create, ServiceScope scope) {
        scope.requireWritable(name);
        Instant now = Instant.now(clock).truncatedTo(ChronoUnit.MICROS);
        return services.lockForChange(name).chain(row -> {
            if (create && row.configured) {
                return Uni.createFrom().failure(ProblemException.conflict(
                        "Service '" + name + "' is already configured; use PUT /api/v1/services/" + name + "."));
            }
            return services.listAllReadOnlyExcept(name).map(all -> {
                Map<String, List<String>> graph = new HashMap<>();
                for (MonitoredService s : all) {
                    graph.put(s.name, dependsOn(s));
                }
                for (String d : dependsOn) {
                    if (!graph.containsKey(d)) {
                        throw ProblemException.unprocessable("dependsOn: service '" + d + "' does not exist.");
                    }
                }
                graph.put(name, dependsOn);
                List<String> cycle = cycleFrom(name, graph);
                if (!cycle.isEmpty()) {
                    throw ProblemException.unprocessable("dependsOn would close a cycle: " + String.join(" -> ", cycle));
                }
                row.configured = true;
                row.description = description;
                row.components = write(components);
                row.dependsOn = write(dependsOn);
                row.updatedAt = now;
                return definition(row);
            });
        });
    }

    /**
     * Removes a service's configuration (components, dependencies); the row, its incidents and outages stay. 404 when
     * unknown or not configured; 409 while another service depends on it; 403 when {@code name} is outside
     * {@code scope}.
     */
    @WithTransaction
    public Uni<Void> unconfigure(String name, ServiceScope scope) {
        scope.requireWritable(name);
        return services.lockForChange(name).chain(row -> {
            if (!row.configured) {
                return Uni.createFrom().failure(notFound(name));
            }
            return services.listAllReadOnlyExcept(name).map(all -> {
                List<String> dependents = all.stream().filter(s -> dependsOn(s).contains(name)).map(s -> s.name)
                        .sorted().toList();
                if (!dependents.isEmpty()) {
                    throw ProblemException.conflict(
                            "Service '" + name + "' cannot be deleted: " + String.join(", ", dependents) + " depend on it.");
                }
                row.configured = false;
                row.description = null;
                row.components = "[]";
                row.dependsOn = "[]";
                row.updatedAt = Instant.now(clock).truncatedTo(ChronoUnit.MICROS);
                return null;
            });
        }).replaceWithVoid();
    }

    /** Current health of a service (404 when unknown or outside {@code scope}). */
    @WithSession
    public Uni<Health> health(String name, ServiceScope scope) {
        scope.requireVisible(name, () -> notFound(name));
        Instant now = Instant.now(clock);
        return services.findById(name).onItem().ifNull().failWith(() -> notFound(name))
                .chain(row -> heartbeats.liveness(now)
                        .chain(liveness -> states.listByService(name).map(rows -> health(row, rows, liveness))));
    }

    private Health health(MonitoredService row, List<TargetRegionState> rows, Liveness liveness) {
        List<Quorum.RegionState> alive = OutageService.countedStates(rows, liveness);
        Map<String, List<TargetRegionState>> byTarget = new TreeMap<>();
        rows.forEach(s -> byTarget.computeIfAbsent(s.target, t -> new ArrayList<>()).add(s));
        List<Component> configured = components(row);
        configured.forEach(c -> c.targets().forEach(t -> byTarget.computeIfAbsent(t, x -> new ArrayList<>())));
        Map<String, TargetHealth> targets = new TreeMap<>();
        Set<String> proberProblems = new LinkedHashSet<>();
        byTarget.forEach((target, regions) -> {
            List<String> down = new ArrayList<>();
            List<String> degraded = new ArrayList<>();
            List<String> up = new ArrayList<>();
            List<String> leftOut = new ArrayList<>();
            for (TargetRegionState s : regions) {
                if (!liveness.alive(s.region)) {
                    leftOut.add(s.region);
                    proberProblems.add(s.region);
                } else {
                    (s.state == TargetState.DOWN ? down : s.state == TargetState.DEGRADED ? degraded : up).add(s.region);
                }
            }
            liveness.heartbeating().stream()
                    .filter(r -> !regions.isEmpty() && regions.stream().noneMatch(s -> s.region.equals(r))
                            && rows.stream().anyMatch(s -> s.region.equals(r)))
                    .forEach(up::add);
            int reporting = down.size() + degraded.size() + up.size();
            TargetState state = reporting > 0 && down.size() > Math.floor(config.quorum() * reporting) ? TargetState.DOWN
                    : !down.isEmpty() || !degraded.isEmpty() ? TargetState.DEGRADED : TargetState.UP;
            targets.put(target, new TargetHealth(target, state, down, degraded, up, leftOut));
        });
        List<ComponentHealth> components = new ArrayList<>();
        for (Component c : Quorum.effective(configured, byTarget.keySet())) {
            int healthy = (int) c.targets().stream()
                    .filter(t -> targets.get(t) == null || targets.get(t).state() != TargetState.DOWN).count();
            components.add(new ComponentHealth(c.name(), c.minHealthy(), c.targets().size(), healthy,
                    healthy < c.minHealthy(), !configured.contains(c)));
        }
        boolean down = Quorum.evaluate(alive, config.quorum(), configured).down();
        TargetState state = down ? TargetState.DOWN
                : targets.values().stream().anyMatch(t -> t.state() != TargetState.UP) ? TargetState.DEGRADED
                        : TargetState.UP;
        return new Health(row.name, state, components, List.copyOf(targets.values()), List.copyOf(proberProblems));
    }

    /** @return the path of a cycle through {@code start} ({@code start -> … -> start}), empty when there is none */
    static List<String> cycleFrom(String start, Map<String, List<String>> graph) {
        Deque<List<String>> stack = new ArrayDeque<>();
        stack.push(List.of(start));
        Set<String> seen = new HashSet<>();
        while (!stack.isEmpty()) {
            List<String> path = stack.pop();
            String last = path.get(path.size() - 1);
            for (String next : graph.getOrDefault(last, List.of())) {
                List<String> longer = new ArrayList<>(path);
                longer.add(next);
                if (next.equals(start)) {
                    return longer;
                }
                if (seen.add(next)) {
                    stack.push(longer);
                }
            }
        }
        return List.of();
    }

    private <T> T read(String text, TypeReference<T> type) {
        try {
            return json.readValue(text == null || text.isBlank() ? "[]" : text, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable service configuration: " + e.getMessage(), e);
        }
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ProblemException notFound(String name) {
        return ProblemException.notFound("Service '" + name + "' does not exist.");
    }
}
