package io.downtime.probe.probe;

import java.math.BigDecimal;

import io.downtime.probe.domain.Target;

/**
 * The optional {@code evm-node} checks of a target beyond chain id, syncing and head age; a null limit turns its
 * check off.
 *
 * @param maxBlockLag largest block lag (blocks behind the best head seen for the chain id) that is still UP; above
 *        it DEGRADED {@code block_lag}
 * @param maxBlockLagDown largest block lag that is not DOWN; above it DOWN {@code block_lag}
 * @param referenceUrl JSON-RPC URL of a reference node of the same chain whose {@code eth_blockNumber} joins the
 *        best head, or null
 * @param maxFinalityLagBlocks largest finality lag ({@code latest − finalized}, blocks); above it DEGRADED
 *        {@code finality_stalled}
 * @param congestedAboveGwei gas price ({@code eth_gasPrice}, converted from wei to gwei) above which the target is
 *        DEGRADED {@code congested}
 * @param minPeers fewest peers ({@code net_peerCount}) that is still UP; below it DEGRADED {@code low_peers}; a node
 *        without the method is not judged
 * @param latencyAnomaly whether a latency anomaly against the target's own baseline marks it DEGRADED
 *        {@code latency_anomaly} (null: off)
 */
public record EvmChecks(Integer maxBlockLag, Integer maxBlockLagDown, String referenceUrl,
        Integer maxFinalityLagBlocks, BigDecimal congestedAboveGwei, Integer minPeers, Boolean latencyAnomaly) {

    /** Every optional check off. */
    public static final EvmChecks NONE = new EvmChecks(null, null, null, null, null, null, null);

    public static EvmChecks of(Target t) {
        return new EvmChecks(t.evmMaxBlockLag, t.evmMaxBlockLagDown, t.evmReferenceUrl, t.evmMaxFinalityLagBlocks,
                t.evmCongestedAboveGwei, t.evmMinPeers, t.evmLatencyAnomaly);
    }

    public boolean latencyAnomalyOn() {
        return Boolean.TRUE.equals(latencyAnomaly);
    }
}
