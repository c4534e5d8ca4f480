package io.downtime.incident.notify;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/**
 * One delivery of one incident event (timeline entry) to one subscription: the delivery log. Rows are written by the
 * database trigger {@code timeline_entry_webhook_delivery} in the transaction of the entry and updated by
 * {@link WebhookRelay}; this entity only reads them (and resets one for redelivery).
 */
@Entity
@Table(name = "webhook_delivery")
public class WebhookDelivery extends PanacheEntityBase {

    /** {@code PENDING} (not delivered yet, being retried), {@code DELIVERED} (a 2xx answer), {@code FAILED} (gave up). */
    public enum Status {
        PENDING,
        DELIVERED,
        FAILED
    }

    @Id
    public Long id;

    @Column(name = "subscription_id", nullable = false)
    public Long subscriptionId;

    @Column(name = "timeline_entry_id", nullable = false)
    public Long timelineEntryId;

    @Column(name = "incident_id", nullable = false)
    public Long incidentId;

    @Column(name = "event_type", nullable = false, length = 64)
    public String eventType;

    @Column(nullable = false, length = 16)
    @jakarta.persistence.Enumerated(jakarta.persistence.EnumType.STRING)
    public Status status;

    @Column(nullable = false)
    public int attempts;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "next_attempt_at", nullable = false)
    public Instant nextAttemptAt;

    @Column(name = "last_attempt_at")
    public Instant lastAttemptAt;

    @Column(name = "last_status_code")
    public Integer lastStatusCode;

    @Column(name = "last_error", length = 500)
    public String lastError;

    @Column(name = "delivered_at")
    public Instant deliveredAt;
}
