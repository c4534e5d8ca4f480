package io.downtime.incident.domain;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/**
 * A service users consume (a DEX, an exchange API, an L2 RPC), known by name. Created on the first signal that
 * names it; its row is the lock that serializes outage evaluation of the service across replicas.
 */
@Entity
@Table(name = "service")
public class MonitoredService extends PanacheEntityBase {

    @Id
    @Column(length = 200)
    public String name;

    @Column(name = "created_at", nullable = false, insertable = false, updatable = false)
    public Instant createdAt;

    /** Whether the service was configured through {@code /api/v1/services}; false for rows created by signals. */
    @Column(nullable = false)
    public boolean configured;

    @Column(length = 2000)
    public String description;

    /** Components as JSON text: {@code [{"name","minHealthy","targets":[…]}]}. */
    @Column(nullable = false, columnDefinition = "text")
    public String components;

    /** Names of the services this one depends on, as a JSON array text. */
    @Column(name = "depends_on", nullable = false, columnDefinition = "text")
    public String dependsOn;

    @Column(name = "updated_at")
    public Instant updatedAt;
}
