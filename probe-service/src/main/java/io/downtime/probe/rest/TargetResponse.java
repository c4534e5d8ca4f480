package io.downtime.probe.rest;

import java.time.Instant;

import io.downtime.probe.domain.Target;
import io.downtime.probe.domain.TargetKind;

/** A stored target: the request's fields with defaults applied, plus {@code id} and timestamps. */
public record TargetResponse(long id, String name, String service, String kind, String url, int intervalSeconds,
        int timeoutMs, int failureThreshold, int successThreshold, TargetRequest.HttpSettings http,
        TargetRequest.EvmSettings evm, Instant createdAt, Instant updatedAt) {

    public static TargetResponse of(Target t) {
        return new TargetResponse(t.id, t.name, t.service, t.kind.wireName(), t.url, t.intervalSeconds, t.timeoutMs,
                t.failureThreshold, t.successThreshold,
                t.kind == TargetKind.HTTP ? new TargetRequest.HttpSettings(t.httpExpectedStatus) : null,
                t.kind == TargetKind.EVM_NODE
                        ? TargetRequest.EvmSettings.of(t)
                        : null,
                t.createdAt, t.updatedAt);
    }
}
