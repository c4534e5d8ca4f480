package io.downtime.incident.domain;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
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
}
