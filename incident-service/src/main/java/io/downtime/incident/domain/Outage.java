package io.downtime.incident.domain;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/**
 * An interval {@code [startedAt, endedAt)} in which a service was down for users, measured from probe data only.
 * {@code endedAt} is null while the outage is open; at most one open outage per service (partial unique index).
 */
@Entity
@Table(name = "outage")
public class Outage extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(nullable = false, length = 200)
    public String service;

    @Column(name = "started_at", nullable = false)
    public Instant startedAt;

    @Column(name = "ended_at")
    public Instant endedAt;

    /** Reason of the signal that marks the start (e.g. {@code head_stale}). */
    @Column(nullable = false, length = 200)
    public String reason;

    @Column(name = "incident_id")
    public Long incidentId;

    /** {@code DOWN} (all outages the quorum opens today); {@code DEGRADED} is reserved for partial outages. */
    @Column(nullable = false, length = 16)
    public String state;

    /** Cause category (mirrors the incident's cause; MAINTENANCE inside a maintenance window). */
    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 32)
    public Cause cause;

    /** Whether the outage started inside a maintenance window of its service (excluded from SLAs on request). */
    @Column(nullable = false)
    public boolean maintenance;

    /** The maintenance window it started in; null when none. */
    @Column(name = "maintenance_window_id")
    public Long maintenanceWindowId;
}
