package io.downtime.probe.service;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.downtime.common.problem.ProblemException;
import io.downtime.probe.config.ProbeConfig;
import io.downtime.probe.domain.Target;
import io.downtime.probe.domain.TargetKind;
import io.downtime.probe.domain.TargetStatus;
import io.downtime.probe.probe.TargetSpec;
import io.downtime.probe.rest.TargetRequest;
import io.downtime.probe.rest.TargetResponse;
import io.downtime.probe.rest.TargetStatusResponse;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import io.vertx.pgclient.PgException;

/**
 * Target CRUD. Writes are transactional and take effect in the probe schedule only after they commit. Errors:
 * {@link ProblemException} 404 (unknown id), 409 (name taken), 422 (settings that do not fit the kind, URL
 * refused by {@link SsrfGuard}, timeout longer than the interval).
 */
@ApplicationScoped
public class TargetService {

    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    private final ProbeEngine engine;
    private final ProbeRecorder recorder;
    private final SsrfGuard ssrf;
    private final ProbeConfig config;
    private final ObjectMapper mapper;

    public TargetService(ProbeEngine engine, ProbeRecorder recorder, SsrfGuard ssrf, ProbeConfig config,
            ObjectMapper mapper) {
        this.engine = engine;
        this.recorder = recorder;
        this.ssrf = ssrf;
        this.config = config;
        this.mapper = mapper;
    }

    /** All targets, optionally of one service, by id. */
    public Uni<List<TargetResponse>> list(String service) {
        return Panache.withSession(() -> service == null ? Target.<Target> listAll(Sort.by("id"))
                : Target.<Target> list("service", Sort.by("id"), service))
                .map(list -> list.stream().map(TargetResponse::of).toList());
    }

    public Uni<TargetResponse> get(long id) {
        return Panache.withSession(() -> find(id)).map(TargetResponse::of);
    }

    /** Stores a new target with an {@code UNKNOWN} status and starts probing it. */
    public Uni<TargetResponse> create(TargetRequest request) {
        Target target = new Target();
        apply(target, request);
        target.createdAt = target.updatedAt;
        return Panache.withTransaction(() -> ensureNameFree(target.name, null)
                .chain(() -> target.persistAndFlush())
                .chain(() -> TargetStatus.unknown(target.id).persist()))
                .onFailure(TargetService::isUniqueViolation).transform(e -> nameTaken(target.name))
                .invoke(() -> engine.schedule(TargetSpec.of(target)))
                .map(ignored -> TargetResponse.of(target));
    }

    /**
     * Replaces a target's settings; its confirmed state is kept unless its name or service changes: then the old
     * identity is retired in incident-service (see {@link ProbeRecorder#retire}) and the state starts again from
     * {@code UNKNOWN}.
     */
    public Uni<TargetResponse> update(long id, TargetRequest request) {
        return Panache.withTransaction(() -> find(id)
                .call(target -> ensureNameFree(request.name(), id))
                .call(target -> target.name.equals(request.name()) && target.service.equals(request.service())
                        ? Uni.createFrom().voidItem()
                        : TargetStatus.<TargetStatus> findById(id, LockModeType.PESSIMISTIC_WRITE)
                                .call(status -> recorder.retire(TargetSpec.of(target), status))
                                .invoke(status -> {
                                    if (status != null) {
                                        status.resetToUnknown();
                                    }
                                }))
                .invoke(target -> apply(target, request)))
                .onFailure(TargetService::isUniqueViolation).transform(e -> nameTaken(request.name()))
                .invoke(target -> engine.schedule(TargetSpec.of(target)))
                .map(TargetResponse::of);
    }

    /**
     * Deletes a target and its status; signals already in the outbox are still delivered, and a target deleted
     * while down is retired in incident-service (see {@link ProbeRecorder#retire}).
     */
    public Uni<Void> delete(long id) {
        return Panache.withTransaction(() -> find(id)
                .call(target -> TargetStatus.<TargetStatus> findById(id, LockModeType.PESSIMISTIC_WRITE)
                        .call(status -> recorder.retire(TargetSpec.of(target), status)))
                .call(target -> target.delete()))
                .invoke(target -> engine.unschedule(id))
                .replaceWithVoid();
    }

    public Uni<TargetStatusResponse> status(long id) {
        return Panache.withSession(() -> find(id).chain(target -> TargetStatus.<TargetStatus> findById(id)
                .map(status -> toResponse(target, status))));
    }

    private TargetStatusResponse toResponse(Target target, TargetStatus s) {
        TargetStatus status = s == null ? TargetStatus.unknown(target.id) : s;
        TargetStatusResponse.LastProbe last = status.lastProbeAt == null ? null
                : new TargetStatusResponse.LastProbe(status.lastState.name(), status.lastReason, status.lastProbeAt,
                        status.lastLatencyMs, evidence(status.lastEvidence));
        return new TargetStatusResponse(target.id, target.name, target.service, config.region(), status.state.name(),
                status.reason, status.stateSince, status.confirmedAt, last, status.streakCount);
    }

    private Map<String, Object> evidence(String json) {
        try {
            return json == null ? Map.of() : mapper.readValue(json, MAP);
        } catch (Exception e) {
            return Map.of("raw", json);
        }
    }

    private static Uni<Target> find(long id) {
        return Target.<Target> findById(id).onItem().ifNull()
                .failWith(() -> ProblemException.notFound("no target with id " + id));
    }

    private static Uni<Void> ensureNameFree(String name, Long exceptId) {
        return Target.count("name = ?1 and id <> ?2", name, exceptId == null ? -1L : exceptId)
                .map(n -> {
                    if (n > 0) {
                        throw nameTaken(name);
                    }
                    return null;
                });
    }

    private static ProblemException nameTaken(String name) {
        return ProblemException.conflict("a target named '" + name + "' already exists");
    }

    private static boolean isUniqueViolation(Throwable e) {
        for (Throwable c = e; c != null; c = c.getCause()) {
            if (c instanceof PgException pg && "23505".equals(pg.getSqlState())) {
                return true;
            }
        }
        return false;
    }

    /** Copies validated request fields onto the entity, applying defaults and kind-specific rules (422). */
    private void apply(Target target, TargetRequest r) {
        TargetKind kind = TargetKind.fromWire(r.kind())
                .orElseThrow(() -> ProblemException.unprocessable("kind: must be one of: http, evm-node"));
        ssrf.check(r.url());
        int interval = r.intervalSeconds() == null ? 15 : r.intervalSeconds();
        int timeout = r.timeoutMs() == null ? Math.min(2000, interval * 1000) : r.timeoutMs();
        if (timeout > interval * 1000) {
            throw ProblemException.unprocessable(
                    "timeoutMs: must not exceed intervalSeconds × 1000 (" + interval * 1000 + ")");
        }
        if (kind == TargetKind.EVM_NODE && r.evm() == null) {
            throw ProblemException.unprocessable("evm: required for kind evm-node (at least evm.chainId)");
        }
        if (kind == TargetKind.HTTP && r.evm() != null) {
            throw ProblemException.unprocessable("evm: only allowed for kind evm-node");
        }
        if (kind == TargetKind.EVM_NODE && r.http() != null) {
            throw ProblemException.unprocessable("http: only allowed for kind http");
        }
        target.name = r.name();
        target.service = r.service();
        target.kind = kind;
        target.url = r.url().trim();
        target.intervalSeconds = interval;
        target.timeoutMs = timeout;
        target.failureThreshold = r.failureThreshold() == null ? 2 : r.failureThreshold();
        target.successThreshold = r.successThreshold() == null ? 2 : r.successThreshold();
        target.httpExpectedStatus = kind == TargetKind.HTTP
                ? (r.http() == null || r.http().expectedStatus() == null ? 200 : r.http().expectedStatus())
                : null;
        if (r.evm() != null && r.evm().referenceUrl() != null) {
            ssrf.check(r.evm().referenceUrl());
        }
        if (r.evm() != null && r.evm().maxBlockLag() != null && r.evm().maxBlockLagDown() != null
                && r.evm().maxBlockLagDown() < r.evm().maxBlockLag()) {
            throw ProblemException.unprocessable("evm.maxBlockLagDown: must be at least evm.maxBlockLag");
        }
        TargetRequest.EvmSettings.apply(r.evm(), target);
        // PostgreSQL keeps microseconds: truncate so the in-memory snapshot equals what is read back
        target.updatedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
