package io.downtime.incident.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.downtime.incident.domain.Quorum.RegionState;
import io.downtime.incident.domain.Quorum.Verdict;

class QuorumTest {

    private static final Instant T = Instant.parse("2021-01-01T00:00:00Z");

    private static RegionState s(String target, String region, TargetState state, long seconds) {
        return new RegionState(target, region, state, state == TargetState.UP ? "ok" : "r-" + region, T.plusSeconds(seconds));
    }

    @Test
    void noStatesIsUp() {
        assertFalse(Quorum.evaluate(List.of(), 0.5).down());
    }

    @Test
    void strictMajorityOfReportingRegions() {
        assertTrue(Quorum.evaluate(List.of(s("a", "eu", TargetState.DOWN, 0)), 0.5).down());
        assertFalse(Quorum.evaluate(List.of(s("a", "eu", TargetState.DOWN, 0), s("a", "us", TargetState.UP, 0)), 0.5)
                .down());
        assertTrue(Quorum.evaluate(List.of(s("a", "eu", TargetState.DOWN, 0), s("a", "us", TargetState.DOWN, 0),
                s("a", "ap", TargetState.UP, 0)), 0.5).down());
        assertFalse(Quorum.evaluate(List.of(s("a", "eu", TargetState.DOWN, 0), s("a", "us", TargetState.UP, 0),
                s("a", "ap", TargetState.DEGRADED, 0)), 0.5).down());
    }

    @Test
    void degradedIsNotDown() {
        assertFalse(Quorum.evaluate(List.of(s("a", "eu", TargetState.DEGRADED, 0)), 0.5).down());
    }

    @Test
    void startIsEarliestDownOfDownTargetsOnly() {
        Verdict v = Quorum.evaluate(List.of(
                s("a", "eu", TargetState.DOWN, 50), s("a", "us", TargetState.DOWN, 40), s("a", "ap", TargetState.UP, 0),
                // b: 1 of 2, not down, its earlier DOWN must not count
                s("b", "eu", TargetState.DOWN, 10), s("b", "us", TargetState.UP, 0)), 0.5);
        assertTrue(v.down());
        assertEquals(T.plusSeconds(40), v.start());
        assertEquals("r-us", v.reason());
        assertEquals(1, v.downTargets().size());
        assertEquals(new Quorum.TargetTally("a", 3, 2), v.downTargets().get(0));
    }

    @Test
    void anyDownTargetMakesTheServiceDown() {
        Verdict v = Quorum.evaluate(List.of(s("a", "eu", TargetState.UP, 0), s("b", "eu", TargetState.DOWN, 5)), 0.5);
        assertTrue(v.down());
        assertEquals(T.plusSeconds(5), v.start());
    }

    @Test
    void otherFractions() {
        var oneOfTwo = List.of(s("a", "eu", TargetState.DOWN, 0), s("a", "us", TargetState.UP, 0));
        assertTrue(Quorum.evaluate(oneOfTwo, 0.0).down());
        var twoOfThree = List.of(s("a", "eu", TargetState.DOWN, 0), s("a", "us", TargetState.DOWN, 0),
                s("a", "ap", TargetState.UP, 0));
        assertFalse(Quorum.evaluate(twoOfThree, 0.7).down());
        assertThrows(IllegalArgumentException.class, () -> Quorum.evaluate(oneOfTwo, 1.0));
    }
}
