package io.downtime.probe.chain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.downtime.probe.config.ProbeConfig;
import io.downtime.probe.support.TestProbeConfig;

class ChainViewTest {

    static ProbeConfig config() {
        return TestProbeConfig.defaults();
    }

    private static final Instant NOW = Instant.parse("2026-11-21T08:00:00Z");

    private static ChainView.LocalHead head(long target, long number, boolean stale) {
        return new ChainView.LocalHead(target, number, NOW.minusSeconds(2), NOW.minusSeconds(1), stale);
    }

    @Test
    void theBestHeadComesFromOtherTargetsOrOtherRegionsButNotFromTheTargetItself() {
        ChainView view = new ChainView(config());
        view.record(1, head(10, 100, false));
        assertTrue(view.best(1, 10, NOW).isEmpty());
        view.record(1, head(11, 104, false));
        view.record(2, head(12, 999, false));
        assertEquals(new ChainView.BestHead(104, "target:11"), view.best(1, 10, NOW).orElseThrow());
        view.acceptRemote(Map.of(1L, new ChainView.RemoteHead(107, "us-east-1", NOW, NOW)));
        assertEquals(new ChainView.BestHead(107, "region:us-east-1"), view.best(1, 10, NOW).orElseThrow());
        assertEquals(104, view.bestLocalHeads(NOW).get(1L).number());
    }

    @Test
    void headsOlderThanTheTtlAreIgnored() {
        ChainView view = new ChainView(config());
        view.record(1, head(11, 104, false));
        view.acceptRemote(Map.of(1L, new ChainView.RemoteHead(107, "us-east-1", NOW, NOW)));
        assertTrue(view.best(1, 10, NOW.plusSeconds(120)).isEmpty());
        assertTrue(view.bestLocalHeads(NOW.plusSeconds(120)).isEmpty());
    }

    @Test
    void theChainIsHaltedOnlyWhenEveryTargetOfItIsStaleAndNoRegionSeesAHigherHead() {
        ChainView view = new ChainView(config());
        view.record(1, head(10, 100, true));
        assertTrue(view.halted(1, NOW).isEmpty(), "one target cannot tell a dead chain from a dead node");
        view.record(1, head(11, 100, false));
        assertTrue(view.halted(1, NOW).isEmpty(), "another provider still has a fresh head");
        view.record(1, head(11, 101, true));
        assertEquals(101, view.halted(1, NOW).orElseThrow().number());
        view.acceptRemote(Map.of(1L, new ChainView.RemoteHead(150, "us-east-1", NOW, NOW)));
        assertTrue(view.halted(1, NOW).isEmpty(), "another region sees the chain moving");
        view.forget(11);
        assertTrue(view.halted(1, NOW).isEmpty());
    }
}
