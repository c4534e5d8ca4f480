package io.downtime.probe.rest;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import io.downtime.probe.domain.Target;
import io.downtime.probe.domain.TargetKind;
import io.downtime.probe.probe.TargetSpec;

/**
 * A stored target: the request's fields with defaults applied, plus {@code id} and timestamps. Request header
 * values are never returned: each stored header appears with the value {@link #MASK}.
 */
public record TargetResponse(long id, String name, String service, String kind, String url, int intervalSeconds,
        int timeoutMs, int failureThreshold, int successThreshold, TargetRequest.HttpSettings http,
        TargetRequest.EvmSettings evm, TargetRequest.WebSocketSettings websocket,
        TargetRequest.ContractSettings contract, Instant createdAt, Instant updatedAt) {

    /** What a secret header value is shown as; sent back in a {@code PUT} it keeps the stored value. */
    public static final String MASK = "***";

    public static TargetResponse of(Target t) {
        TargetSpec spec = TargetSpec.of(t);
        return new TargetResponse(t.id, t.name, t.service, t.kind.wireName(), t.url, t.intervalSeconds, t.timeoutMs,
                t.failureThreshold, t.successThreshold, http(spec.http()),
                t.kind == TargetKind.EVM_NODE || t.kind == TargetKind.EVM_CONTRACT
                        ? TargetRequest.EvmSettings.of(t)
                        : null,
                websocket(spec.websocket()), contract(spec.contract()), t.createdAt, t.updatedAt);
    }

    private static TargetRequest.HttpSettings http(TargetSpec.Http h) {
        return h == null ? null
                : new TargetRequest.HttpSettings(h.expectedStatus(), h.bodyContains(),
                        h.jsonPointer() == null ? null : new TargetRequest.JsonCheck(h.jsonPointer(), h.jsonEquals()),
                        h.degradedAboveMs(), h.tlsExpiryDays(), h.followRedirects(), h.maxRedirects(),
                        h.insecureSkipVerify(), masked(h.headers()));
    }

    private static TargetRequest.WebSocketSettings websocket(TargetSpec.WebSocket w) {
        return w == null ? null
                : new TargetRequest.WebSocketSettings(w.subscribe(), w.expectContains(), w.insecureSkipVerify(),
                        masked(w.headers()));
    }

    private static TargetRequest.ContractSettings contract(TargetSpec.Contract c) {
        return c == null ? null
                : new TargetRequest.ContractSettings(c.address(), c.calls().stream()
                        .map(call -> new TargetRequest.ContractCall(call.function(), call.args(), call.returns(),
                                call.expect(), call.min(), call.max()))
                        .toList());
    }

    private static Map<String, String> masked(Map<String, String> headers) {
        Map<String, String> masked = new LinkedHashMap<>();
        if (headers != null) {
            headers.keySet().forEach(name -> masked.put(name, MASK));
        }
        return masked;
    }
}
