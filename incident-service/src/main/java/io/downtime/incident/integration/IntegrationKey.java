package io.downtime.incident.integration;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/**
 * One key of an integration (PagerDuty {@code routing_key}, Alertmanager bearer token), kept as the lower-case hex
 * SHA-256 of the key: the key itself is shown once, when it is made. An integration may hold several keys so that a
 * key can be rotated; a key with {@link #revokedAt} set no longer authenticates.
 */
@Entity
@Table(name = "integration_key")
public class IntegrationKey extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "integration_id", nullable = false)
    public Long integrationId;

    @Column(name = "key_sha256", nullable = false, length = 64)
    public String keySha256;

    @Column(name = "created_at", nullable = false, insertable = false, updatable = false)
    public Instant createdAt;

    @Column(name = "revoked_at")
    public Instant revokedAt;
}
