package io.downtime.probe.chain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.downtime.probe.domain.ProbeState;
import io.downtime.probe.probe.EvmChecks;

class EvmJudgeTest {

    private static final EvmChecks ALL = new EvmChecks(5, 50, null, 100, new BigDecimal("50"), 3, true);

    private static EvmJudge.Observation healthy() {
        return new EvmJudge.Observation(1000, 1.0, 5.0, Optional.empty(), Optional.of(new ChainView.BestHead(1002, "target:2")),
                936L, new BigInteger("2000000000"), 10L, -1, false);
    }

    private static List<String> reasons(EvmJudge.Observation o, EvmChecks checks) {
        return EvmJudge.judge(o, checks).stream().map(EvmJudge.Finding::reason).toList();
    }

    @Test
    void aHealthyNodeHasNoFindings() {
        assertEquals(List.of(), reasons(healthy(), ALL));
        assertEquals(2L, healthy().blockLag());
        assertEquals(64L, healthy().finalityLag());
        assertEquals(0, new BigDecimal("2").compareTo(healthy().gasPriceGwei()));
    }

    @Test
    void eachLimitGivesItsReasonAndUnsetLimitsAreOff() {
        var o = new EvmJudge.Observation(1000, 1.0, 5.0, Optional.empty(),
                Optional.of(new ChainView.BestHead(1010, "region:us")), 800L, new BigInteger("60000000001"), 2L, 1001,
                true);
        assertEquals(List.of("block_lag", "head_regressed", "finality_stalled", "congested", "low_peers",
                "latency_anomaly"), reasons(o, ALL));
        assertEquals(ProbeState.DEGRADED, EvmJudge.judge(o, ALL).get(0).state());
        assertEquals(List.of("head_regressed"), reasons(o, EvmChecks.NONE), "a regression needs no limit");
    }

    @Test
    void aLagAboveTheDownLimitIsDown() {
        var o = new EvmJudge.Observation(1000, 1.0, 5.0, Optional.empty(),
                Optional.of(new ChainView.BestHead(1051, "reference")), null, null, null, -1, false);
        assertEquals(new EvmJudge.Finding(ProbeState.DOWN, "block_lag"), EvmJudge.judge(o, ALL).get(0));
    }

    @Test
    void aStaleHeadIsHeadStaleUnlessTheWholeChainIsHalted() {
        var stale = new EvmJudge.Observation(1000, 9.0, 5.0, Optional.empty(), Optional.empty(), null, null, null, -1,
                false);
        assertEquals(new EvmJudge.Finding(ProbeState.DOWN, "head_stale"), EvmJudge.judge(stale, ALL).get(0));
        var halted = new EvmJudge.Observation(1000, 9.0, 5.0,
                Optional.of(new ChainView.LocalHead(2, 1000, Instant.EPOCH, Instant.EPOCH, true)), Optional.empty(),
                null, null, null, -1, false);
        assertEquals(new EvmJudge.Finding(ProbeState.DOWN, "chain_halted"), EvmJudge.judge(halted, ALL).get(0));
    }

    @Test
    void unknownOptionalAnswersAreNotJudged() {
        var o = new EvmJudge.Observation(1000, 1.0, 5.0, Optional.empty(), Optional.empty(), null, null, null, -1,
                false);
        assertEquals(List.of(), reasons(o, ALL), "no finalized tag, no gas price, no peer count: nothing to judge");
    }
}
