package io.downtime.probe.service;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.downtime.probe.client.Signal;
import io.downtime.probe.config.ProbeConfig;
import io.downtime.probe.domain.OutboxEntry;
import io.downtime.probe.domain.ProbeState;
import io.downtime.probe.domain.TargetStatus;
import io.downtime.probe.probe.ProbeResult;
import io.downtime.probe.probe.StateMachine;
import io.downtime.probe.probe.StateMachine.Transition;
import io.downtime.probe.probe.TargetSpec;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Records probe results. This instance is the only prober of its targets ({@link Sharding}), so each scheduled
 * target's status — confirmed state, streak, last probe — is kept in memory (loaded from {@code target_status}
 * when the target is first probed or at a reconcile run) and a probe result touches the database only when:
 * <ul>
 * <li>it confirms a state change: the status and the outbox signal are written in ONE transaction, with the
 * status row locked and checked against the in-memory copy (a state change is never stored without its signal;
 * if the row changed behind our back — the target was renamed or deleted — the row wins, the result is applied to
 * it as read, and the in-memory copy is reloaded);</li>
 * <li>or at the periodic flush ({@code downtime.probe.status-flush-interval}, default 2 s): the last probe
 * fields, the streak and the confirmed reason of every target probed since the previous flush go to
 * {@code target_status} in one multi-row {@code UPDATE} per 2,000 targets. A row whose confirmed state changed
 * meanwhile, or that holds a newer probe, is left alone.</li>
 * </ul>
 * So {@code GET /api/v1/targets/{id}/status} reads the in-memory status on the instance that probes the target and
 * the stored row elsewhere, at most one flush interval old. After a crash or restart at most the last flush
 * interval of last-probe fields and streak progress is lost (a streak restarts); never a confirmed change or its
 * signal.
 */
@ApplicationScoped
public class ProbeRecorder {

    private static final Logger LOG = Logger.getLogger(ProbeRecorder.class);

    /** Rows per flush statement (two arrays of this many elements per column stay far below protocol limits). */
    static final int FLUSH_BATCH = 2000;

    private static final java.time.Duration FLUSH_TIMEOUT = java.time.Duration.ofSeconds(30);

    private static final String FLUSH_SQL = """
            update target_status s set reason = u.reason, streak_state = u.streak_state,
                   streak_count = u.streak_count, streak_started_at = u.streak_started_at,
                   last_probe_at = u.last_probe_at, last_state = u.last_state, last_reason = u.last_reason,
                   last_latency_ms = u.last_latency_ms, last_evidence = u.last_evidence
              from unnest($1::bigint[], $2::varchar[], $3::timestamptz[], $4::varchar[], $5::varchar[], $6::int[],
                          $7::timestamptz[], $8::timestamptz[], $9::varchar[], $10::varchar[], $11::bigint[],
                          $12::text[])
                   as u(target_id, state, confirmed_at, reason, streak_state, streak_count, streak_started_at,
                        last_probe_at, last_state, last_reason, last_latency_ms, last_evidence)
             where s.target_id = u.target_id and s.state = u.state
               and s.confirmed_at is not distinct from u.confirmed_at
               and (s.last_probe_at is null or s.last_probe_at < u.last_probe_at)
            """;

    private final ProbeConfig config;
    private final ObjectMapper mapper;
    private final MeterRegistry registry;
    private final Pool pool;
    /** In-memory status of the targets this instance probes, by target id. */
    private final Map<Long, Live> live = new ConcurrentHashMap<>();
    /** Targets probed since the last flush. */
    private final Set<Long> dirty = ConcurrentHashMap.newKeySet();
    private final Map<ProbeCounterKey, Counter> probeCounters = new ConcurrentHashMap<>();
    private final Map<ProbeState, Counter> signalCounters = new ConcurrentHashMap<>();

    public ProbeRecorder(ProbeConfig config, ObjectMapper mapper, MeterRegistry registry, Pool pool) {
        this.config = config;
        this.mapper = mapper;
        this.registry = registry;
        this.pool = pool;
    }

    /** One target's status as this instance knows it, and the result behind its last probe fields. */
    private static final class Live {
        final TargetStatus status;
        ProbeResult last;

        Live(TargetStatus status) {
            this.status = status;
        }
    }

    private record ProbeCounterKey(String service, String kind, ProbeState state, String reason) {
    }

    /**
     * Must be called on a Vert.x (duplicated) context.
     *
     * @return {@code true} when a signal was written to the outbox; {@code false} when the state did not change,
     *         the result is older than the last one recorded, or the target was deleted meanwhile
     */
    public Uni<Boolean> record(TargetSpec target, ProbeResult result) {
        // downtime_probes_total{service,kind,state,reason}: the default SLI of sla-service's generated burn-rate rules
        probeCounters.computeIfAbsent(
                new ProbeCounterKey(target.service(), target.kind().wireName(), result.state(), result.reason()),
                k -> Counter.builder("downtime.probes").description("Probes by outcome")
                        .tags("service", k.service(), "kind", k.kind(), "state", k.state().name(), "reason", k.reason())
                        .register(registry))
                .increment();
        Live entry = live.get(target.id());
        if (entry == null) {
            return load(target.id()).chain(loaded -> loaded == null ? Uni.createFrom().item(false)
                    : apply(target, result, loaded));
        }
        return apply(target, result, entry);
    }

    private Uni<Boolean> apply(TargetSpec target, ProbeResult result, Live entry) {
        TargetStatus before;
        TargetStatus after;
        Transition transition;
        synchronized (entry) {
            TargetStatus status = entry.status;
            // overtaken by a newer probe of the same target (a job rescheduled mid-probe)
            if (status.lastProbeAt != null && !result.probedAt().isAfter(status.lastProbeAt)) {
                return Uni.createFrom().item(false);
            }
            before = copy(status);
            var t = StateMachine.apply(status, result, target.failureThreshold(), target.successThreshold());
            entry.last = result;
            dirty.add(target.id());
            if (t.isEmpty()) {
                return Uni.createFrom().item(false);
            }
            transition = t.get();
            after = copy(status);
        }
        return Panache.withTransaction(() -> TargetStatus
                .<TargetStatus> findById(target.id(), LockModeType.PESSIMISTIC_WRITE).chain(row -> {
                    if (row == null) { // deleted meanwhile
                        live.remove(target.id(), entry);
                        return Uni.createFrom().item(false);
                    }
                    if (row.state != before.state || !Objects.equals(row.confirmedAt, before.confirmedAt)) {
                        // the row changed behind our back (renamed: reset to UNKNOWN): it wins; reload later
                        live.remove(target.id(), entry);
                        return applyToRow(target, result, row);
                    }
                    copyInto(after, row);
                    row.lastEvidence = json(result.evidence());
                    return signal(target, result, transition);
                }))
                // not stored: forget the in-memory copy, the next probe reloads the row (the streak restarts)
                .onFailure().invoke(() -> live.remove(target.id(), entry));
    }

    /** The pre-cache path: applies the result to the locked row itself. */
    private Uni<Boolean> applyToRow(TargetSpec target, ProbeResult result, TargetStatus row) {
        if (row.lastProbeAt != null && !result.probedAt().isAfter(row.lastProbeAt)) {
            return Uni.createFrom().item(false);
        }
        row.lastEvidence = json(result.evidence());
        var transition = StateMachine.apply(row, result, target.failureThreshold(), target.successThreshold());
        return transition.isEmpty() ? Uni.createFrom().item(false) : signal(target, result, transition.get());
    }

    private Uni<Boolean> signal(TargetSpec target, ProbeResult result, Transition t) {
        LOG.infof("target %s (%s) %s -> %s reason=%s observedAt=%s", target.name(), target.service(), t.from(), t.to(),
                t.reason(), t.observedAt());
        signalCounters.computeIfAbsent(t.to(), state -> Counter.builder("downtime.signals.emitted")
                .description("Confirmed state changes written to the outbox").tag("state", state.name())
                .register(registry)).increment();
        return outboxEntry(target, result.evidence(), t).persist().replaceWith(true);
    }

    /** Reads a target's status row into memory (unless another probe did first); {@code null} when it is gone. */
    private Uni<Live> load(long targetId) {
        return Panache.withSession(() -> TargetStatus.<TargetStatus> findById(targetId))
                .map(row -> row == null ? null : live.computeIfAbsent(targetId, id -> new Live(copy(row))));
    }

    /**
     * Seeds the in-memory status of the given scheduled targets that have none yet, in one query per 2,000 targets
     * (called by the reconcile run, inside its session, so that 10,000 new targets are not read one by one).
     */
    Uni<Void> preload(Collection<Long> scheduledIds) {
        List<Long> missing = scheduledIds.stream().filter(id -> !live.containsKey(id)).toList();
        if (missing.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (int from = 0; from < missing.size(); from += FLUSH_BATCH) {
            List<Long> chunk = missing.subList(from, Math.min(missing.size(), from + FLUSH_BATCH));
            chain = chain.chain(() -> TargetStatus.<TargetStatus> list("targetId in ?1", chunk)
                    .invoke(rows -> rows.forEach(row -> live.putIfAbsent(row.targetId, new Live(copy(row)))))
                    .replaceWithVoid());
        }
        return chain;
    }

    /**
     * Drops a target's in-memory status (unscheduled, or rescheduled with settings that may have reset it); its
     * next probe reads the stored row. Last-probe fields not yet flushed are lost.
     */
    void forget(long targetId) {
        live.remove(targetId);
    }

    /**
     * The freshest status of a target: the in-memory one when this instance probes the target and the stored
     * {@code row} has the same confirmed state, else {@code row} (may be {@code null}). Evidence is the last probe's
     * map, serialised as the row stores it.
     */
    public TargetStatus freshest(long targetId, TargetStatus row) {
        Live entry = live.get(targetId);
        if (entry == null || row == null) {
            return row;
        }
        synchronized (entry) {
            TargetStatus s = entry.status;
            if (s.state != row.state || !Objects.equals(s.confirmedAt, row.confirmedAt) || s.lastProbeAt == null
                    || (row.lastProbeAt != null && !s.lastProbeAt.isAfter(row.lastProbeAt))) {
                return row;
            }
            TargetStatus fresh = copy(s);
            fresh.lastEvidence = entry.last == null ? row.lastEvidence : json(entry.last.evidence());
            return fresh;
        }
    }

    /**
     * Writes the last-probe fields, streak and confirmed reason of every target probed since the previous run
     * (see the class comment). Runs on a worker thread: serialising thousands of evidence maps would otherwise hold
     * an event loop, and with it the timers of the targets on that loop. A failed flush is retried at the next run.
     */
    @Scheduled(every = "${downtime.probe.status-flush-interval:2s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void flush() {
        if (dirty.isEmpty()) {
            return;
        }
        List<Long> ids = new ArrayList<>(dirty);
        ids.forEach(dirty::remove);
        for (int from = 0; from < ids.size(); from += FLUSH_BATCH) {
            List<Long> chunk = ids.subList(from, Math.min(ids.size(), from + FLUSH_BATCH));
            try {
                flush(chunk).await().atMost(FLUSH_TIMEOUT);
            } catch (RuntimeException e) { // timed out: the rows may or may not be written; write them again
                LOG.warnf(e, "flushing the last probe of %d targets timed out; retried at the next flush", chunk.size());
                dirty.addAll(chunk);
            }
        }
    }

    private Uni<Void> flush(List<Long> ids) {
        int n = ids.size();
        Long[] targetId = new Long[n];
        String[] state = new String[n];
        OffsetDateTime[] confirmedAt = new OffsetDateTime[n];
        String[] reason = new String[n];
        String[] streakState = new String[n];
        Integer[] streakCount = new Integer[n];
        OffsetDateTime[] streakStartedAt = new OffsetDateTime[n];
        OffsetDateTime[] lastProbeAt = new OffsetDateTime[n];
        String[] lastState = new String[n];
        String[] lastReason = new String[n];
        Long[] lastLatencyMs = new Long[n];
        String[] lastEvidence = new String[n];
        int rows = 0;
        for (Long id : ids) {
            Live entry = live.get(id);
            if (entry == null) {
                continue; // unscheduled or deleted meanwhile
            }
            TargetStatus s;
            ProbeResult last;
            synchronized (entry) {
                s = copy(entry.status);
                last = entry.last;
            }
            if (s.lastProbeAt == null || last == null) {
                continue;
            }
            targetId[rows] = id;
            state[rows] = s.state.name();
            confirmedAt[rows] = odt(s.confirmedAt);
            reason[rows] = s.reason;
            streakState[rows] = s.streakState == null ? null : s.streakState.name();
            streakCount[rows] = s.streakCount;
            streakStartedAt[rows] = odt(s.streakStartedAt);
            lastProbeAt[rows] = odt(s.lastProbeAt);
            lastState[rows] = s.lastState == null ? null : s.lastState.name();
            lastReason[rows] = s.lastReason;
            lastLatencyMs[rows] = s.lastLatencyMs;
            lastEvidence[rows] = json(last.evidence());
            rows++;
        }
        if (rows == 0) {
            return Uni.createFrom().voidItem();
        }
        int count = rows;
        Tuple args = Tuple.tuple(List.of(trim(targetId, count), trim(state, count), trim(confirmedAt, count),
                trim(reason, count), trim(streakState, count), trim(streakCount, count), trim(streakStartedAt, count),
                trim(lastProbeAt, count), trim(lastState, count), trim(lastReason, count), trim(lastLatencyMs, count),
                trim(lastEvidence, count)));
        return pool.preparedQuery(FLUSH_SQL).execute(args)
                .invoke(result -> LOG.debugf("flushed the last probe of %d targets (%d rows updated)",
                        Integer.valueOf(count), Integer.valueOf(result.rowCount())))
                .onFailure().invoke(e -> {
                    LOG.warnf(e, "flushing the last probe of %d targets failed; retried at the next flush", count);
                    dirty.addAll(ids);
                })
                .onFailure().recoverWithNull().replaceWithVoid();
    }

    private static <T> T[] trim(T[] array, int length) {
        return array.length == length ? array : java.util.Arrays.copyOf(array, length);
    }

    private static OffsetDateTime odt(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    /**
     * Retires a target's identity (name and service) in incident-service when the target is deleted or renamed
     * while {@code DOWN} or {@code DEGRADED}: writes an {@code UP} signal with reason {@code target_removed}, so
     * the outage it holds open ends now; a target that is up or unknown needs nothing. Call inside the
     * transaction that deletes or renames it, with the row locked ({@code status}: the stored row, whose confirmed
     * state is always current: confirmed changes are written at once).
     */
    public Uni<Void> retire(TargetSpec target, TargetStatus status) {
        if (status == null || !status.state.isBad()) {
            return Uni.createFrom().voidItem();
        }
        Instant now = Instant.now();
        LOG.infof("target %s (%s) retired while %s: signalling UP target_removed", target.name(), target.service(),
                status.state);
        return outboxEntry(target, Map.of(), new Transition(status.state, ProbeState.UP, "target_removed", now, now))
                .persist().replaceWithVoid();
    }

    private OutboxEntry outboxEntry(TargetSpec target, Map<String, Object> evidence, Transition t) {
        Signal signal = new Signal(UUID.randomUUID(), config.region(), target.name(), Long.toString(target.id()),
                target.service(), target.kind().wireName(), t.to().name(), t.reason(), evidence, t.observedAt(),
                t.confirmedAt());
        OutboxEntry entry = new OutboxEntry();
        entry.id = signal.id();
        entry.targetId = target.id();
        entry.payload = json(signal);
        entry.createdAt = Instant.now();
        entry.nextAttemptAt = entry.createdAt;
        return entry;
    }

    private static TargetStatus copy(TargetStatus s) {
        TargetStatus c = new TargetStatus();
        c.targetId = s.targetId;
        copyInto(s, c);
        c.lastEvidence = s.lastEvidence;
        return c;
    }

    /** Copies every field but the id and the evidence. */
    private static void copyInto(TargetStatus from, TargetStatus to) {
        to.state = from.state;
        to.reason = from.reason;
        to.stateSince = from.stateSince;
        to.confirmedAt = from.confirmedAt;
        to.streakState = from.streakState;
        to.streakCount = from.streakCount;
        to.streakStartedAt = from.streakStartedAt;
        to.lastProbeAt = from.lastProbeAt;
        to.lastState = from.lastState;
        to.lastReason = from.lastReason;
        to.lastLatencyMs = from.lastLatencyMs;
    }

    private String json(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize " + value.getClass().getSimpleName(), e);
        }
    }
}
