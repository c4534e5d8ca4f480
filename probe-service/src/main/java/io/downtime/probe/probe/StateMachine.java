package io.downtime.probe.probe;

import java.time.Instant;
import java.util.Optional;

import io.downtime.probe.domain.ProbeState;
import io.downtime.probe.domain.TargetStatus;

/**
 * Debounces probe results into confirmed state changes: a target changes state only after
 * {@code failureThreshold} bad probes ({@code DEGRADED} or {@code DOWN}) in a row, or {@code successThreshold}
 * good ones, so one lost packet does not flap an incident (the "for" clause of a Prometheus alert, the
 * {@code failureThreshold} of a Kubernetes probe).
 *
 * <p>
 * A confirmed change carries {@code observedAt}, the earliest {@link ProbeResult#since()} of the streak — the
 * time of the first bad probe (for {@code head_stale}, when the chain stopped; for a recovery, when the first new
 * block was made, but never before the last bad probe) — and
 * {@code confirmedAt}, the time of the probe that reached the threshold. Pure: no I/O, no clock.
 */
public final class StateMachine {

    private StateMachine() {
    }

    /**
     * A confirmed state change.
     *
     * @param from the previous confirmed state ({@code UNKNOWN} before the first)
     * @param to the new confirmed state
     * @param reason the reason of the probe that confirmed it
     * @param observedAt when the new state began (first probe of the streak)
     * @param confirmedAt when the threshold was reached
     */
    public record Transition(ProbeState from, ProbeState to, String reason, Instant observedAt, Instant confirmedAt) {
    }

    /**
     * Applies one probe result to {@code status} (mutated in place: streak, last probe, confirmed state).
     *
     * @return the confirmed change, if this result completed a streak
     */
    public static Optional<Transition> apply(TargetStatus status, ProbeResult result, int failureThreshold,
            int successThreshold) {
        Instant previousProbe = status.lastProbeAt;
        status.lastProbeAt = result.probedAt();
        status.lastState = result.state();
        status.lastReason = result.reason();
        status.lastLatencyMs = result.latencyMs();

        ProbeState seen = result.state();
        if (seen == status.state) {
            // Same as confirmed: any contrary streak is broken; a changed reason (e.g. timeout -> head_stale) is kept.
            status.reason = result.reason();
            clearStreak(status);
            return Optional.empty();
        }
        // a bad condition may be dated back past earlier "up" probes (the chain stopped before the age limit was
        // crossed); a recovery never before the last probe that still saw it bad
        Instant began = result.since();
        if (!seen.isBad() && previousProbe != null && began.isBefore(previousProbe)) {
            began = previousProbe;
        }
        boolean continues = status.streakState != null
                && (status.streakState == seen || (status.streakState.isBad() && seen.isBad()));
        if (continues) {
            status.streakCount++;
            if (began.isBefore(status.streakStartedAt)) {
                status.streakStartedAt = began;
            }
        } else {
            status.streakCount = 1;
            status.streakStartedAt = began;
        }
        status.streakState = seen;

        int threshold = seen.isBad() ? failureThreshold : successThreshold;
        if (status.streakCount < threshold) {
            return Optional.empty();
        }
        Transition t = new Transition(status.state, seen, result.reason(), status.streakStartedAt, result.probedAt());
        status.state = seen;
        status.reason = result.reason();
        status.stateSince = t.observedAt();
        status.confirmedAt = t.confirmedAt();
        clearStreak(status);
        return Optional.of(t);
    }

    private static void clearStreak(TargetStatus status) {
        status.streakState = null;
        status.streakCount = 0;
        status.streakStartedAt = null;
    }
}
