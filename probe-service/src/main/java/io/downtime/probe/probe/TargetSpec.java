package io.downtime.probe.probe;

import java.time.Instant;

import io.downtime.probe.domain.Target;
import io.downtime.probe.domain.TargetKind;

/**
 * An immutable snapshot of a target's probe settings, safe to share with scheduled jobs.
 *
 * @param intervalSeconds seconds between probes
 * @param timeoutMs milliseconds before a probe counts as {@code timeout}
 * @param evmMaxHeadAgeSeconds largest head age, in seconds, that is still up
 * @param evmExpectedBlockSeconds block time in seconds, or null to read it from the chain
 * @param updatedAt the version of the target this snapshot was taken from
 * @param evmChecks {@code evm-node} checks beyond chain id, syncing and head age ({@link EvmChecks#NONE} for other
 *        kinds)
 */
public record TargetSpec(long id, String name, String service, TargetKind kind, String url, int intervalSeconds,
        int timeoutMs, int failureThreshold, int successThreshold, Integer httpExpectedStatus, Long evmChainId,
        Integer evmMaxHeadAgeSeconds, Integer evmExpectedBlockSeconds, Instant updatedAt,
        EvmChecks evmChecks) {

    public TargetSpec {
        evmChecks = evmChecks == null ? EvmChecks.NONE : evmChecks;
    }

    public static TargetSpec of(Target t) {
        return new TargetSpec(t.id, t.name, t.service, t.kind, t.url, t.intervalSeconds, t.timeoutMs,
                t.failureThreshold, t.successThreshold, t.httpExpectedStatus, t.evmChainId, t.evmMaxHeadAgeSeconds,
                t.evmExpectedBlockSeconds, t.updatedAt, EvmChecks.of(t));
    }
}
