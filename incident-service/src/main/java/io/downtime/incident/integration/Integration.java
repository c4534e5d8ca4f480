package io.downtime.incident.integration;

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
 * An integration: a tool that sends events for a default service. Its keys ({@link IntegrationKey}) are stored as
 * SHA-256 digests only.
 */
@Entity
@Table(name = "integration")
public class Integration extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    /** Unique name, e.g. {@code prometheus-eu}; recorded as the actor of the timeline entries it causes. */
    @Column(nullable = false, length = 200)
    public String name;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    public IntegrationKind kind;

    /**
     * Default service: PagerDuty events always belong to it; Alertmanager alerts without a {@code service} label do.
     * Null only for Alertmanager integrations.
     */
    @Column(length = 200)
    public String service;

    @Column(nullable = false)
    public boolean active;

    @Column(name = "created_at", nullable = false, updatable = false)
    public Instant createdAt;

    /** @return the actor recorded in timelines for events of this integration: {@code integration:<name>} */
    public String actor() {
        return "integration:" + name;
    }
}
