package io.downtime.incident.heartbeat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.downtime.incident.config.IncidentConfig;
import io.downtime.incident.domain.RegionHeartbeat;
import io.downtime.incident.repository.RegionHeartbeatRepository;
import io.downtime.incident.repository.TargetRegionStateRepository;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

/**
 * Region heartbeats (contract: docs/CONTRACTS.md "Heartbeats"). A region is alive while one of its probe-service
 * instances heartbeated within its timeout ({@link #timeoutOf}), measured from the server time of reception. A region
 * that never heartbeated counts as alive ({@link Liveness}).
 */
@ApplicationScoped
public class HeartbeatService {

    private static final Logger LOG = Logger.getLogger(HeartbeatService.class);
    private static final TypeReference<Map<String, Head>> HEADS = new TypeReference<>() {
    };

    private final RegionHeartbeatRepository heartbeats;
    private final TargetRegionStateRepository states;
    private final IncidentConfig config;
    private final ObjectMapper json;
    private final Clock clock;
    /**
     * When this incident-service instance started: a heartbeat is never judged stale before one whole timeout has
     * passed since then. While incident-service itself was down (killed, restarted, rolled out) no heartbeat could
     * arrive; without this grace every region would count as a dead prober right after a restart, and the DOWN
     * signals delivered from the outboxes in that window would be left out of the quorum.
     */
    private final Instant startedAt;

    public HeartbeatService(RegionHeartbeatRepository heartbeats, TargetRegionStateRepository states,
            IncidentConfig config, ObjectMapper json, Clock clock) {
        this.heartbeats = heartbeats;
        this.states = states;
        this.config = config;
        this.json = json;
        this.clock = clock;
        this.startedAt = Instant.now(clock);
    }

    /** Whether {@code b} is within its timeout at {@code now}, counted from its reception or this start, the later. */
    private boolean fresh(RegionHeartbeat b, Instant now) {
        Instant from = b.receivedAt.isAfter(startedAt) ? b.receivedAt : startedAt;
        return from.plus(timeoutOf(b)).isAfter(now);
    }

    /** One chain head: block number, the region that saw it (null in requests), when it was seen. */
    public record Head(long number, String region, Instant seenAt) {
    }

    /** A received heartbeat (validated by the REST layer). */
    public record Beat(String region, String instance, String version, Instant sentAt, int intervalSeconds,
            Map<String, Head> heads) {
    }

    /** One region as {@code GET /api/v1/regions} shows it. */
    public record RegionView(String region, String status, boolean alive, Instant lastHeartbeatAt, String version,
            List<InstanceView> instances) {
    }

    /** One probe-service instance of a region. */
    public record InstanceView(String instance, String version, Instant sentAt, Instant receivedAt, int intervalSeconds,
            long timeoutSeconds, boolean alive) {
    }

    /**
     * The timeout of one heartbeat: {@code downtime.incident.heartbeat-timeout} when set, else 3 × its interval, at
     * least {@code downtime.incident.heartbeat-min-timeout} (default 15 s).
     */
    public Duration timeoutOf(RegionHeartbeat beat) {
        return config.heartbeatTimeout().orElseGet(() -> {
            Duration threeIntervals = Duration.ofSeconds(3L * beat.intervalSeconds);
            return threeIntervals.compareTo(config.heartbeatMinTimeout()) < 0 ? config.heartbeatMinTimeout()
                    : threeIntervals;
        });
    }

    /**
     * Stores a heartbeat and answers, per chain id, the highest head among the latest heartbeats of all regions still
     * alive (this one included).
     *
     * @return {@code chainId → head}
     */
    @WithTransaction
    public Uni<Map<String, Head>> receive(Beat beat) {
        Instant now = now();
        String heads;
        try {
            heads = json.writeValueAsString(beat.heads() == null ? Map.of() : beat.heads());
        } catch (JsonProcessingException e) {
            return Uni.createFrom().failure(e);
        }
        return heartbeats.upsert(beat.region(), beat.instance(), beat.version(), beat.sentAt(), now,
                beat.intervalSeconds(), heads)
                .chain(() -> heartbeats.listAll())
                .map(all -> bestHeads(all, now));
    }

    /** Liveness of every region at {@code now}; runs in the caller's session. */
    public Uni<Liveness> liveness(Instant now) {
        return heartbeats.listAll().map(all -> liveness(all, now));
    }

    /** Regions: those that heartbeated and those that only sent signals ({@code NO_HEARTBEAT}, counted alive). */
    @WithSession
    public Uni<List<RegionView>> regions() {
        Instant now = now();
        return heartbeats.listAll().chain(all -> states.regions().map(signalled -> {
            Map<String, List<RegionHeartbeat>> byRegion = new TreeMap<>();
            all.forEach(b -> byRegion.computeIfAbsent(b.region, r -> new ArrayList<>()).add(b));
            signalled.forEach(r -> byRegion.computeIfAbsent(r, x -> new ArrayList<>()));
            List<RegionView> views = new ArrayList<>();
            byRegion.forEach((region, beats) -> {
                if (beats.isEmpty()) {
                    views.add(new RegionView(region, "NO_HEARTBEAT", true, null, null, List.of()));
                    return;
                }
                List<InstanceView> instances = beats.stream()
                        .map(b -> new InstanceView(b.instance, b.version, b.sentAt, b.receivedAt, b.intervalSeconds,
                                timeoutOf(b).toSeconds(), fresh(b, now)))
                        .toList();
                RegionHeartbeat latest = beats.stream().max((a, b) -> a.receivedAt.compareTo(b.receivedAt)).orElseThrow();
                boolean alive = instances.stream().anyMatch(InstanceView::alive);
                views.add(new RegionView(region, alive ? "ALIVE" : "STALE", alive, latest.receivedAt, latest.version,
                        instances));
            });
            return views;
        }));
    }

    /**
     * Flips the recorded aliveness of instances whose heartbeat timed out or came back, once across replicas.
     *
     * @return the regions whose aliveness may have changed (their services need re-evaluating)
     */
    @WithTransaction
    public Uni<Set<String>> recordChanges() {
        Instant now = now();
        return heartbeats.listAll().chain(all -> {
            Set<String> changed = new LinkedHashSet<>();
            Uni<Void> chain = Uni.createFrom().voidItem();
            for (RegionHeartbeat b : all) {
                boolean fresh = fresh(b, now);
                if (fresh != b.alive) {
                    chain = chain.chain(() -> heartbeats.flipAlive(b.region, b.instance, fresh).invoke(flipped -> {
                        if (flipped) {
                            LOG.infof("region %s instance %s %s (last heartbeat received %s)", b.region, b.instance,
                                    fresh ? "is heartbeating again" : "stopped heartbeating: its signals are left out",
                                    b.receivedAt);
                            changed.add(b.region);
                        }
                    })).replaceWithVoid();
                }
            }
            return chain.map(v -> changed);
        });
    }

    /**
     * @param all every region heartbeat (region, reception time and interval are read)
     * @param now the instant liveness is judged at
     * @return which regions are alive at {@code now}
     */
    public Liveness liveness(List<RegionHeartbeat> all, Instant now) {
        if (all.isEmpty()) {
            return Liveness.ALL_ALIVE;
        }
        Map<String, Instant> last = new HashMap<>();
        Map<String, Boolean> alive = new HashMap<>();
        for (RegionHeartbeat b : all) {
            last.merge(b.region, b.receivedAt, (x, y) -> x.isAfter(y) ? x : y);
            alive.merge(b.region, fresh(b, now), Boolean::logicalOr);
        }
        Set<String> stale = new java.util.TreeSet<>();
        Set<String> heartbeating = new java.util.TreeSet<>();
        alive.forEach((region, a) -> (a ? heartbeating : stale).add(region));
        return new Liveness(stale, heartbeating, last);
    }

    private Map<String, Head> bestHeads(List<RegionHeartbeat> all, Instant now) {
        Map<String, Head> best = new TreeMap<>();
        for (RegionHeartbeat b : all) {
            if (!fresh(b, now)) {
                continue;
            }
            Map<String, Head> heads;
            try {
                heads = json.readValue(b.heads, HEADS);
            } catch (JsonProcessingException e) {
                LOG.warnf("unreadable heads of %s/%s: %s", b.region, b.instance, e.getMessage());
                continue;
            }
            heads.forEach((chainId, head) -> {
                Head current = best.get(chainId);
                if (current == null || head.number() > current.number()) {
                    best.put(chainId, new Head(head.number(), b.region, head.seenAt()));
                }
            });
        }
        return best;
    }

    private Instant now() {
        return Instant.now(clock).truncatedTo(ChronoUnit.MICROS);
    }
}
