package io.downtime.probe.chain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;

import org.junit.jupiter.api.Test;

/** The cached best heads of {@link ChainView} follow heads that go up, go down, and are forgotten. */
class ChainViewCacheTest {

    private static final Instant NOW = Instant.parse("2026-11-21T08:00:00Z");

    private static ChainView.LocalHead head(long target, long number, boolean stale) {
        return new ChainView.LocalHead(target, number, NOW.minusSeconds(2), NOW.minusSeconds(1), stale);
    }

    private static long best(ChainView view, long exclude) {
        return view.best(1, exclude, NOW).orElseThrow().number();
    }

    @Test
    void theBestHeadFollowsALeaderThatFallsBackAndATargetThatIsForgotten() {
        ChainView view = new ChainView(ChainViewTest.config());
        view.record(1, head(1, 110, false));
        view.record(1, head(2, 105, false));
        view.record(1, head(3, 100, false));
        assertEquals(110, best(view, 9));
        assertEquals(105, best(view, 1));
        view.record(1, head(4, 120, false)); // a new leader, between scans
        assertEquals(120, best(view, 9));
        assertEquals(110, best(view, 4));
        view.record(1, head(4, 90, false)); // the leader falls back (e.g. a node resynced)
        assertEquals(110, best(view, 9));
        assertEquals(105, best(view, 1));
        view.forget(1);
        assertEquals(105, best(view, 9));
        assertEquals(100, best(view, 2));
    }

    @Test
    void aChainIsHaltedOnceTheLastFreshTargetTurnsStale() {
        ChainView view = new ChainView(ChainViewTest.config());
        view.record(1, head(1, 100, true));
        view.record(1, head(2, 100, false));
        view.record(1, head(3, 100, false));
        assertTrue(view.halted(1, NOW).isEmpty());
        view.record(1, head(2, 100, true));
        assertTrue(view.halted(1, NOW).isEmpty(), "target 3 still sees the chain moving");
        view.record(1, head(3, 101, true));
        assertEquals(101, view.halted(1, NOW).orElseThrow().number());
        view.record(1, head(1, 102, false));
        assertTrue(view.halted(1, NOW).isEmpty());
    }
}
