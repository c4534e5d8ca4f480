package io.downtime.probe.domain;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/**
 * A signal waiting in the transactional outbox (table {@code outbox}). Written in the same transaction as
 * the state change; delivered at least once; {@code id} is the signal id incident-service deduplicates on.
 */
@Entity
@Table(name = "outbox")
public class OutboxEntry extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "target_id")
    public Long targetId;

    /** The signal as JSON, exactly as sent. */
    public String payload;

    @Column(name = "created_at")
    public Instant createdAt;

    public int attempts;

    @Column(name = "next_attempt_at")
    public Instant nextAttemptAt;

    @Column(name = "delivered_at")
    public Instant deliveredAt;

    /** Set when incident-service refused the signal as invalid (4xx): it is never retried. */
    @Column(name = "rejected_at")
    public Instant rejectedAt;

    @Column(name = "last_error")
    public String lastError;
}
