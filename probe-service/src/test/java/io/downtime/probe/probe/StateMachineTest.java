package io.downtime.probe.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.downtime.probe.domain.ProbeState;
import io.downtime.probe.domain.TargetStatus;
import io.downtime.probe.probe.StateMachine.Transition;

class StateMachineTest {

    private static final Instant T0 = Instant.parse("2026-11-21T00:00:00Z");

    private static ProbeResult up(int second) {
        return ProbeResult.up(T0.plusSeconds(second), 1, Map.of());
    }

    private static ProbeResult down(int second, String reason) {
        return ProbeResult.down(reason, T0.plusSeconds(second), 1, Map.of());
    }

    private static Optional<Transition> apply(TargetStatus s, ProbeResult r) {
        return StateMachine.apply(s, r, 2, 3);
    }

    private static TargetStatus confirmedUp() {
        TargetStatus s = TargetStatus.unknown(1L);
        apply(s, up(0));
        apply(s, up(1));
        apply(s, up(2));
        assertEquals(ProbeState.UP, s.state);
        return s;
    }

    @Test
    void firstStateIsConfirmedAfterSuccessThresholdAndDatedAtItsFirstProbe() {
        TargetStatus s = TargetStatus.unknown(1L);
        assertTrue(apply(s, up(0)).isEmpty());
        assertTrue(apply(s, up(1)).isEmpty());
        Transition t = apply(s, up(2)).orElseThrow();
        assertEquals(ProbeState.UNKNOWN, t.from());
        assertEquals(ProbeState.UP, t.to());
        assertEquals(T0, t.observedAt());
        assertEquals(T0.plusSeconds(2), t.confirmedAt());
    }

    @Test
    void downNeedsFailureThresholdBadProbesInARowAndCarriesTheFirstBadProbeTime() {
        TargetStatus s = confirmedUp();
        assertTrue(apply(s, down(10, "timeout")).isEmpty());
        Transition t = apply(s, down(11, "connection_refused")).orElseThrow();
        assertEquals(ProbeState.DOWN, t.to());
        assertEquals("connection_refused", t.reason());
        assertEquals(T0.plusSeconds(10), t.observedAt());
        assertEquals(T0.plusSeconds(11), t.confirmedAt());
    }

    @Test
    void aGoodProbeBetweenBadOnesPreventsFlapping() {
        TargetStatus s = confirmedUp();
        for (int i = 0; i < 10; i += 2) {
            assertTrue(apply(s, down(10 + i, "timeout")).isEmpty());
            assertTrue(apply(s, up(11 + i)).isEmpty());
        }
        assertEquals(ProbeState.UP, s.state);
        assertEquals(0, s.streakCount);
    }

    @Test
    void aBackdatedBadSinceMovesTheStreakStartToWhenTheChainStopped() {
        TargetStatus s = confirmedUp();
        Instant stopped = T0.plusSeconds(4);
        apply(s, new ProbeResult(ProbeState.DOWN, "head_stale", T0.plusSeconds(10), stopped, 1, Map.of()));
        Transition t = apply(s, new ProbeResult(ProbeState.DOWN, "head_stale", T0.plusSeconds(11), stopped, 1, Map.of()))
                .orElseThrow();
        assertEquals(stopped, t.observedAt());
    }

    @Test
    void sinceIsNeverAfterTheProbeTime() {
        ProbeResult r = new ProbeResult(ProbeState.DOWN, "head_stale", T0, T0.plusSeconds(5), 1, Map.of());
        assertEquals(T0, r.since());
    }

    @Test
    void recoveryNeedsSuccessThresholdAndIsDatedAtTheFirstGoodProbe() {
        TargetStatus s = confirmedUp();
        apply(s, down(10, "timeout"));
        apply(s, down(11, "timeout"));
        assertTrue(apply(s, up(20)).isEmpty());
        assertTrue(apply(s, up(21)).isEmpty());
        Transition t = apply(s, up(22)).orElseThrow();
        assertEquals(ProbeState.DOWN, t.from());
        assertEquals(T0.plusSeconds(20), t.observedAt());
        assertEquals(ProbeState.UP, s.state);
        assertEquals(T0.plusSeconds(20), s.stateSince);
    }

    @Test
    void aRecoveryIsDatedByTheChainButNeverBeforeTheLastBadProbe() {
        TargetStatus s = confirmedUp();
        apply(s, down(10, "head_stale"));
        apply(s, down(11, "head_stale"));
        // first new block made at 11.5 s, seen by the probe at 12 s
        apply(s, new ProbeResult(ProbeState.UP, "ok", T0.plusSeconds(12), T0.plusMillis(11_500), 1, Map.of()));
        apply(s, up(13));
        Transition t = apply(s, up(14)).orElseThrow();
        assertEquals(T0.plusMillis(11_500), t.observedAt());

        apply(s, down(20, "head_stale"));
        apply(s, down(21, "head_stale"));
        // a head block older than the last bad probe cannot date the recovery before that probe
        apply(s, new ProbeResult(ProbeState.UP, "ok", T0.plusSeconds(22), T0.plusSeconds(5), 1, Map.of()));
        apply(s, up(23));
        assertEquals(T0.plusSeconds(21), apply(s, up(24)).orElseThrow().observedAt());
    }

    @Test
    void degradedAndDownProbesCountAsOneBadStreak() {
        TargetStatus s = confirmedUp();
        apply(s, new ProbeResult(ProbeState.DEGRADED, "slow", T0.plusSeconds(10), null, 1, Map.of()));
        Transition t = apply(s, down(11, "timeout")).orElseThrow();
        assertEquals(ProbeState.DOWN, t.to());
        assertEquals(T0.plusSeconds(10), t.observedAt());
    }
}
