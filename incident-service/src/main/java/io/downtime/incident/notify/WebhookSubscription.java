package io.downtime.incident.notify;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/**
 * A webhook subscription: every timeline entry of an incident (of {@link #service}, or of every service when null)
 * is delivered to {@link #url}, signed with {@link #secret}. The secret is kept as is because signing needs it; the
 * API never returns it.
 */
@Entity
@Table(name = "webhook_subscription")
public class WebhookSubscription extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(nullable = false, length = 2048)
    public String url;

    @Column(nullable = false, length = 256)
    public String secret;

    @Column(length = 200)
    public String service;

    @Column(nullable = false)
    public boolean active;

    @Column(length = 500)
    public String description;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
}
