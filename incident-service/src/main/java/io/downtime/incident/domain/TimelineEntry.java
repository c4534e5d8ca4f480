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

import org.hibernate.annotations.Immutable;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/**
 * One entry of an incident's append-only timeline. Never updated or deleted (a database trigger refuses both).
 */
@Entity
@Immutable
@Table(name = "timeline_entry")
public class TimelineEntry extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "incident_id", nullable = false)
    public Long incidentId;

    /** Server time at which the entry was recorded. */
    @Column(name = "occurred_at", nullable = false)
    public Instant occurredAt;

    @Column(nullable = false, length = 200)
    public String actor;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 32)
    public TimelineType type;

    @Column(columnDefinition = "text")
    public String detail;

    public static TimelineEntry of(Long incidentId, Instant at, String actor, TimelineType type, String detail) {
        TimelineEntry e = new TimelineEntry();
        e.incidentId = incidentId;
        e.occurredAt = at;
        e.actor = actor;
        e.type = type;
        e.detail = detail;
        return e;
    }
}
