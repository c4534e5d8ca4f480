package io.downtime.probe.domain;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/**
 * The confirmed state of one target in this region, the streak of probes that may change it, and the last
 * probe result. Table {@code target_status}; one row per target. The confirmed state is written with its outbox
 * signal the moment a probe confirms a change; the streak and the last probe fields are written by the periodic
 * flush of {@code ProbeRecorder} ({@code downtime.probe.status-flush-interval}, default 2 s), so the row may be up
 * to one flush interval behind the prober's in-memory copy.
 */
@Entity
@Table(name = "target_status")
public class TargetStatus extends PanacheEntityBase {

    @Id
    @Column(name = "target_id")
    public Long targetId;

    @Enumerated(EnumType.STRING)
    public ProbeState state;

    public String reason;

    /** When the confirmed state began (first probe of the streak that confirmed it). */
    @Column(name = "state_since")
    public Instant stateSince;

    /** When the confirmed state was confirmed (threshold reached). */
    @Column(name = "confirmed_at")
    public Instant confirmedAt;

    @Enumerated(EnumType.STRING)
    @Column(name = "streak_state")
    public ProbeState streakState;

    @Column(name = "streak_count")
    public int streakCount;

    @Column(name = "streak_started_at")
    public Instant streakStartedAt;

    @Column(name = "last_probe_at")
    public Instant lastProbeAt;

    @Enumerated(EnumType.STRING)
    @Column(name = "last_state")
    public ProbeState lastState;

    @Column(name = "last_reason")
    public String lastReason;

    @Column(name = "last_latency_ms")
    public Long lastLatencyMs;

    /** Evidence of the last probe as a JSON object. */
    @Column(name = "last_evidence")
    public String lastEvidence;

    /** Forgets the confirmed state and the streak (the target's identity changed); the last probe is kept. */
    public void resetToUnknown() {
        state = ProbeState.UNKNOWN;
        reason = "not_probed";
        stateSince = null;
        confirmedAt = null;
        streakState = null;
        streakCount = 0;
        streakStartedAt = null;
    }

    /** A fresh status for a new target: {@code UNKNOWN}, no streak. */
    public static TargetStatus unknown(Long targetId) {
        TargetStatus s = new TargetStatus();
        s.targetId = targetId;
        s.state = ProbeState.UNKNOWN;
        s.reason = "not_probed";
        return s;
    }
}
