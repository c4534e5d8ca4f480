package io.downtime.probe.probe;

import java.time.Instant;
import java.util.Map;

import io.downtime.probe.domain.ProbeState;

/**
 * The outcome of one probe.
 *
 * @param state {@code UP}, {@code DEGRADED} or {@code DOWN}
 * @param reason machine-readable reason: {@code ok}, {@code timeout}, {@code connection_refused},
 *        {@code http_status}, {@code chain_id_mismatch}, {@code syncing}, {@code head_stale}, …
 * @param probedAt when the probe started
 * @param since when the observed condition began, if the evidence tells: for {@code head_stale} the last block's
 *        timestamp plus the block time (when the chain stopped); for an up {@code evm-node} the head block's
 *        timestamp (the chain was producing by then); otherwise {@code probedAt}. Never after {@code probedAt}.
 * @param latencyMs wall time of the probe in milliseconds
 * @param evidence what was seen (status code, block number/hash/timestamp, head age in seconds, error text)
 */
public record ProbeResult(ProbeState state, String reason, Instant probedAt, Instant since, long latencyMs,
        Map<String, Object> evidence) {

    public ProbeResult {
        if (since == null || since.isAfter(probedAt)) {
            since = probedAt;
        }
    }

    public static ProbeResult up(Instant probedAt, long latencyMs, Map<String, Object> evidence) {
        return new ProbeResult(ProbeState.UP, "ok", probedAt, probedAt, latencyMs, evidence);
    }

    public static ProbeResult down(String reason, Instant probedAt, long latencyMs, Map<String, Object> evidence) {
        return new ProbeResult(ProbeState.DOWN, reason, probedAt, probedAt, latencyMs, evidence);
    }

}
