package io.downtime.incident.domain;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/**
 * Latest applied state of one target seen from one region: the newest signal by {@code confirmedAt}. Written only
 * by the conditional upsert in {@code TargetRegionStateRepository}, read to compute the quorum.
 */
@Entity
@Table(name = "target_region_state")
@IdClass(TargetRegionKey.class)
public class TargetRegionState extends PanacheEntityBase {

    @Id
    @Column(length = 200)
    public String target;

    @Id
    @Column(length = 200)
    public String region;

    @Column(nullable = false, length = 200)
    public String service;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    public TargetState state;

    @Column(nullable = false, length = 200)
    public String reason;

    @Column(name = "signal_id", nullable = false)
    public UUID signalId;

    /** When this state began (first probe of the streak). */
    @Column(name = "observed_at", nullable = false)
    public Instant observedAt;

    /** When the region's probe-service confirmed it; orders the signals of one (target, region). */
    @Column(name = "confirmed_at", nullable = false)
    public Instant confirmedAt;
}
