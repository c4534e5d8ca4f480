package io.downtime.probe.service;

import java.net.URI;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.downtime.common.problem.ProblemException;
import io.downtime.common.security.ServiceScope;
import io.downtime.probe.config.ProbeConfig;
import io.downtime.probe.domain.Target;
import io.downtime.probe.domain.TargetKind;
import io.downtime.probe.domain.TargetStatus;
import io.downtime.probe.probe.SettingsJson;
import io.downtime.probe.probe.TargetSpec;
import io.downtime.probe.probe.contract.AbiCall;
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
 * scheme not the kind's or refused by {@link SsrfGuard}, timeout longer than the interval, a contract call whose
 * ABI signature, arguments or expectation do not parse, a forbidden request header).
 * <p>
 * Object-level authorization (OWASP API1): every method takes the caller's {@link ServiceScope}. A target whose
 * {@code service} is outside it is left out of lists (in SQL) and answers 404 exactly like an unknown id, for reads,
 * updates and deletes; creating a target for, or moving one to, a service outside it answers 403.
 */
@ApplicationScoped
public class TargetService {

    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };
    private static final Set<String> TCP_SCHEMES = Set.of("tcp");
    private static final Set<String> WEBSOCKET_SCHEMES = Set.of("ws", "wss");
    /** Headers a target may not set: they frame the message or manage the connection (RFC 9110 §7.6.1). */
    private static final Set<String> FORBIDDEN_HEADERS = Set.of("content-length", "transfer-encoding", "connection",
            "keep-alive", "upgrade", "te", "trailer", "proxy-connection", "sec-websocket-key",
            "sec-websocket-version", "sec-websocket-extensions");

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

    /** All targets in {@code scope}, optionally of one service, by id. */
    public Uni<List<TargetResponse>> list(String service, ServiceScope scope) {
        if (service != null && !scope.allows(service)) {
            return Uni.createFrom().item(List.of());
        }
        Set<String> services = scope.services().orElse(null);
        if (services != null && services.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return Panache.withSession(() -> service != null ? Target.<Target> list("service", Sort.by("id"), service)
                : services != null ? Target.<Target> list("service in ?1", Sort.by("id"), services)
                        : Target.<Target> listAll(Sort.by("id")))
                .map(list -> list.stream().map(TargetResponse::of).toList());
    }

    /** @return the target; 404 (failed Uni) when unknown or of a service outside {@code scope} */
    public Uni<TargetResponse> get(long id, ServiceScope scope) {
        return Panache.withSession(() -> find(id, scope)).map(TargetResponse::of);
    }

    /**
     * Stores a new target with an {@code UNKNOWN} status and starts probing it.
     *
     * @throws ProblemException 403 when the target's service is outside {@code scope}
     */
    public Uni<TargetResponse> create(TargetRequest request, ServiceScope scope) {
        scope.requireWritable(request.service());
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
     * {@code UNKNOWN}. 404 when unknown or of a service outside {@code scope}; 403 when it would move to a service
     * outside {@code scope}.
     */
    public Uni<TargetResponse> update(long id, TargetRequest request, ServiceScope scope) {
        return Panache.withTransaction(() -> find(id, scope)
                .invoke(target -> scope.requireWritable(request.service()))
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
     * while down is retired in incident-service (see {@link ProbeRecorder#retire}). 404 when unknown or of a service
     * outside {@code scope}.
     */
    public Uni<Void> delete(long id, ServiceScope scope) {
        return Panache.withTransaction(() -> find(id, scope)
                .call(target -> TargetStatus.<TargetStatus> findById(id, LockModeType.PESSIMISTIC_WRITE)
                        .call(status -> recorder.retire(TargetSpec.of(target), status)))
                .call(target -> target.delete()))
                .invoke(target -> engine.unschedule(id))
                .replaceWithVoid();
    }

    /** @return the target's status; 404 (failed Uni) when unknown or of a service outside {@code scope} */
    public Uni<TargetStatusResponse> status(long id, ServiceScope scope) {
        return Panache.withSession(() -> find(id, scope).chain(target -> TargetStatus.<TargetStatus> findById(id)
                .map(status -> toResponse(target, recorder.freshest(id, status)))));
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

    /** @return the target; 404 when unknown or of a service outside {@code scope} (the same answer) */
    private static Uni<Target> find(long id, ServiceScope scope) {
        return Target.<Target> findById(id).map(target -> {
            if (target == null || !scope.allows(target.service)) {
                throw ProblemException.notFound("no target with id " + id);
            }
            return target;
        });
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
                .orElseThrow(() -> ProblemException.unprocessable("kind: must be one of: " + TargetKind.wireNames()));
        String url = url(kind, r.url());
        int interval = r.intervalSeconds() == null ? 15 : r.intervalSeconds();
        int timeout = r.timeoutMs() == null ? Math.min(2000, interval * 1000) : r.timeoutMs();
        if (timeout > interval * 1000) {
            throw ProblemException.unprocessable(
                    "timeoutMs: must not exceed intervalSeconds × 1000 (" + interval * 1000 + ")");
        }
        boolean evmKind = kind == TargetKind.EVM_NODE || kind == TargetKind.EVM_CONTRACT;
        if (evmKind && r.evm() == null) {
            throw ProblemException.unprocessable("evm: required for kind " + kind.wireName() + " (at least evm.chainId)");
        }
        onlyFor(r.evm() != null && !evmKind, "evm", "evm-node, evm-contract");
        onlyFor(r.http() != null && kind != TargetKind.HTTP, "http", "http");
        onlyFor(r.websocket() != null && kind != TargetKind.WEBSOCKET, "websocket", "websocket");
        onlyFor(r.contract() != null && kind != TargetKind.EVM_CONTRACT, "contract", "evm-contract");
        if (kind == TargetKind.EVM_CONTRACT && r.contract() == null) {
            throw ProblemException.unprocessable("contract: required for kind evm-contract (at least contract.address)");
        }
        TargetSpec.Http http = kind == TargetKind.HTTP ? http(r.http(), target.httpSettings) : null;
        TargetSpec.WebSocket websocket = kind == TargetKind.WEBSOCKET ? websocket(r.websocket(), target.websocketSettings)
                : null;
        TargetSpec.Contract contract = kind == TargetKind.EVM_CONTRACT ? contract(r.contract()) : null;
        target.name = r.name();
        target.service = r.service();
        target.kind = kind;
        target.url = url;
        target.intervalSeconds = interval;
        target.timeoutMs = timeout;
        target.failureThreshold = r.failureThreshold() == null ? 2 : r.failureThreshold();
        target.successThreshold = r.successThreshold() == null ? 2 : r.successThreshold();
        if (r.evm() != null && r.evm().referenceUrl() != null) {
            ssrf.check(r.evm().referenceUrl());
        }
        if (r.evm() != null && r.evm().maxBlockLag() != null && r.evm().maxBlockLagDown() != null
                && r.evm().maxBlockLagDown() < r.evm().maxBlockLag()) {
            throw ProblemException.unprocessable("evm.maxBlockLagDown: must be at least evm.maxBlockLag");
        }
        TargetRequest.EvmSettings.apply(r.evm(), target);
        target.httpSettings = SettingsJson.write(http);
        target.websocketSettings = SettingsJson.write(websocket);
        target.contractSettings = SettingsJson.write(contract);
        // PostgreSQL keeps microseconds: truncate so the in-memory snapshot equals what is read back
        target.updatedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
    }

    private static void onlyFor(boolean misplaced, String field, String kinds) {
        if (misplaced) {
            throw ProblemException.unprocessable(field + ": only allowed for kind " + kinds);
        }
    }

    /**
     * The URL as stored, checked by {@link SsrfGuard} for the kind's schemes: http(s) for http and EVM kinds,
     * ws(s) for websocket, {@code tcp://host:port} for tcp ({@code host:port} is accepted and prefixed).
     */
    private String url(TargetKind kind, String raw) {
        String url = raw.trim();
        return switch (kind) {
            case TCP -> {
                if (!url.contains("://")) {
                    url = "tcp://" + url;
                }
                URI uri = ssrf.check(url, TCP_SCHEMES);
                if (uri.getPort() < 1 || uri.getPort() > 65535) {
                    throw ProblemException.unprocessable("url: tcp targets need a port 1-65535 (tcp://host:port)");
                }
                if ((uri.getRawPath() != null && !uri.getRawPath().isEmpty()) || uri.getRawQuery() != null
                        || uri.getRawUserInfo() != null || uri.getRawFragment() != null) {
                    throw ProblemException.unprocessable("url: tcp targets are tcp://host:port, nothing more");
                }
                yield url;
            }
            case WEBSOCKET -> {
                ssrf.check(url, WEBSOCKET_SCHEMES);
                yield url;
            }
            default -> {
                ssrf.check(url, SsrfGuard.HTTP_SCHEMES);
                yield url;
            }
        };
    }

    private static TargetSpec.Http http(TargetRequest.HttpSettings h, String storedJson) {
        TargetSpec.Http stored = SettingsJson.read(storedJson, TargetSpec.Http.class);
        if (h == null) {
            return new TargetSpec.Http(List.of(200), null, null, null, null, null, false, 5, false, Map.of());
        }
        return new TargetSpec.Http(
                h.expectedStatus() == null ? List.of(200) : List.copyOf(new java.util.LinkedHashSet<>(h.expectedStatus())),
                h.bodyContains(), h.json() == null ? null : h.json().pointer(),
                h.json() == null ? null : h.json().expected(), h.degradedAboveMs(), h.tlsExpiryDays(),
                Boolean.TRUE.equals(h.followRedirects()), h.maxRedirects() == null ? 5 : h.maxRedirects(),
                Boolean.TRUE.equals(h.insecureSkipVerify()),
                headers("http.headers", h.headers(), stored == null ? null : stored.headers()));
    }

    private static TargetSpec.WebSocket websocket(TargetRequest.WebSocketSettings w, String storedJson) {
        TargetSpec.WebSocket stored = SettingsJson.read(storedJson, TargetSpec.WebSocket.class);
        if (w == null) {
            return new TargetSpec.WebSocket(null, null, false, Map.of());
        }
        return new TargetSpec.WebSocket(w.subscribe(), w.expectContains(), Boolean.TRUE.equals(w.insecureSkipVerify()),
                headers("websocket.headers", w.headers(), stored == null ? null : stored.headers()));
    }

    /**
     * Request headers to store: a value {@code ***} (what responses show) keeps the stored value of that header
     * (422 when none is stored); names that would break HTTP framing are refused.
     */
    private static Map<String, String> headers(String field, Map<String, String> given, Map<String, String> stored) {
        Map<String, String> result = new LinkedHashMap<>();
        if (given == null) {
            return result;
        }
        Set<String> seen = new HashSet<>();
        given.forEach((name, value) -> {
            String lower = name.toLowerCase(Locale.ROOT);
            if (!seen.add(lower)) {
                throw ProblemException.unprocessable(field + "." + name + ": given twice (names are case-insensitive)");
            }
            if (FORBIDDEN_HEADERS.contains(lower)) {
                throw ProblemException.unprocessable(field + "." + name + ": may not be set (hop-by-hop or framing header)");
            }
            if (TargetResponse.MASK.equals(value)) {
                String kept = stored == null ? null
                        : stored.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name)).map(Map.Entry::getValue)
                                .findFirst().orElse(null);
                if (kept == null) {
                    throw ProblemException.unprocessable(field + "." + name
                            + ": '***' keeps a stored value, but this target has none for this header");
                }
                result.put(name, kept);
            } else {
                result.put(name, value);
            }
        });
        return result;
    }

    private static TargetSpec.Contract contract(TargetRequest.ContractSettings c) {
        List<TargetSpec.Call> calls = c.calls() == null ? List.of()
                : c.calls().stream().map(call -> new TargetSpec.Call(call.function().trim(),
                        call.args() == null ? List.of() : call.args(), call.returns(), call.expect(), call.min(),
                        call.max())).toList();
        for (int i = 0; i < calls.size(); i++) {
            try {
                AbiCall.compile(calls.get(i));
            } catch (IllegalArgumentException e) {
                throw ProblemException.unprocessable("contract.calls[" + i + "]." + e.getMessage());
            }
        }
        return new TargetSpec.Contract(c.address(), calls);
    }
}
