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
}
