package io.downtime.probe.chain;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.downtime.probe.domain.ProbeState;
import io.downtime.probe.probe.EvmChecks;

/**
 * Judges what one {@code evm-node} probe saw against the target's limits, after chain id and syncing passed. Pure:
 * no I/O, no clock. Findings come out most severe first; the first is the probe's state and reason:
 * <ol>
 * <li>DOWN {@code chain_halted} (head stale and {@link ChainView#halted} says every target of the chain id is) or
 * DOWN {@code head_stale};</li>
 * <li>DOWN {@code block_lag} (lag &gt; {@code maxBlockLagDown});</li>
 * <li>DEGRADED {@code block_lag} (lag &gt; {@code maxBlockLag}), {@code head_regressed}, {@code finality_stalled}
 * (finality lag &gt; {@code maxFinalityLagBlocks}), {@code congested} (gas price &gt; {@code congestedAboveGwei}),
 * {@code low_peers} (peers &lt; {@code minPeers}), {@code latency_anomaly}.</li>
 * </ol>
 */
public final class EvmJudge {

    private static final BigDecimal WEI_PER_GWEI = BigDecimal.TEN.pow(9);

    private EvmJudge() {
    }

    /**
     * What a probe saw; null where not asked or not answered.
     *
     * @param headNumber latest block number
     * @param headAgeSeconds probe start − latest block timestamp, seconds
     * @param headAgeLimitSeconds the limit in force (configured or adaptive), seconds
     * @param halted the chain view's verdict that the whole chain is halted (its best stale head), if so
     * @param bestHead the best head of the chain id known elsewhere (other targets, regions, reference), if any
     * @param finalizedNumber {@code eth_getBlockByNumber("finalized")} number; null when the node lacks the tag
     * @param gasPriceWei {@code eth_gasPrice} in wei
     * @param peers {@code net_peerCount}; null when the node does not support it
     * @param regressedFrom the higher head seen by a recent probe when the head went backwards, else -1
     * @param latencyAnomalous whether the latency baseline flagged this probe
     */
    public record Observation(long headNumber, double headAgeSeconds, double headAgeLimitSeconds,
            Optional<ChainView.LocalHead> halted, Optional<ChainView.BestHead> bestHead, Long finalizedNumber,
            BigInteger gasPriceWei, Long peers, long regressedFrom, boolean latencyAnomalous) {

        public boolean stale() {
            return headAgeSeconds > headAgeLimitSeconds;
        }

        /** Blocks behind the best head known elsewhere (0 when ahead or none known). */
        public long blockLag() {
            return bestHead.map(b -> Math.max(0, b.number() - headNumber)).orElse(0L);
        }

        /** {@code latest − finalized} in blocks, or null when unknown. */
        public Long finalityLag() {
            return finalizedNumber == null ? null : Math.max(0, headNumber - finalizedNumber);
        }

        /** Gas price in gwei, or null. */
        public BigDecimal gasPriceGwei() {
            return gasPriceWei == null ? null : new BigDecimal(gasPriceWei).divide(WEI_PER_GWEI);
        }
    }

    /** One finding: a state and a machine-readable reason. */
    public record Finding(ProbeState state, String reason) {
    }

    /** Every finding, most severe first; empty when the node is up. */
    public static List<Finding> judge(Observation o, EvmChecks checks) {
        List<Finding> out = new ArrayList<>();
        if (o.stale()) {
            out.add(new Finding(ProbeState.DOWN, o.halted().isPresent() ? "chain_halted" : "head_stale"));
        }
        long lag = o.blockLag();
        if (checks.maxBlockLagDown() != null && lag > checks.maxBlockLagDown()) {
            out.add(new Finding(ProbeState.DOWN, "block_lag"));
        } else if (checks.maxBlockLag() != null && lag > checks.maxBlockLag()) {
            out.add(new Finding(ProbeState.DEGRADED, "block_lag"));
        }
        if (o.regressedFrom() >= 0) {
            out.add(new Finding(ProbeState.DEGRADED, "head_regressed"));
        }
        Long finalityLag = o.finalityLag();
        if (checks.maxFinalityLagBlocks() != null && finalityLag != null && finalityLag > checks.maxFinalityLagBlocks()) {
            out.add(new Finding(ProbeState.DEGRADED, "finality_stalled"));
        }
        BigDecimal gwei = o.gasPriceGwei();
        if (checks.congestedAboveGwei() != null && gwei != null && gwei.compareTo(checks.congestedAboveGwei()) > 0) {
            out.add(new Finding(ProbeState.DEGRADED, "congested"));
        }
        if (checks.minPeers() != null && o.peers() != null && o.peers() < checks.minPeers()) {
            out.add(new Finding(ProbeState.DEGRADED, "low_peers"));
        }
        if (checks.latencyAnomalyOn() && o.latencyAnomalous()) {
            out.add(new Finding(ProbeState.DEGRADED, "latency_anomaly"));
        }
        return out;
    }
}
