package io.downtime.incident.notify;

import java.time.Instant;

/**
 * One entry of a subscription's delivery log.
 *
 * @param eventId the event's id (= the timeline entry id; the {@code id} of the delivered JSON)
 * @param eventType {@code incident.<timeline type in lower case>}, e.g. {@code incident.acknowledged}
 * @param status {@code PENDING}, {@code DELIVERED} or {@code FAILED}
 * @param attempts attempts made so far
 * @param nextAttemptAt when a pending delivery is tried next
 * @param lastStatusCode HTTP status of the last attempt; null when it got no answer
 * @param lastError why the last attempt failed; null after success
 */
public record DeliveryView(Long id, Long eventId, Long incidentId, String eventType, WebhookDelivery.Status status,
        int attempts, Instant createdAt, Instant nextAttemptAt, Instant lastAttemptAt, Integer lastStatusCode,
        String lastError, Instant deliveredAt) {

    static DeliveryView from(WebhookDelivery d) {
        return new DeliveryView(d.id, d.timelineEntryId, d.incidentId, d.eventType, d.status, d.attempts, d.createdAt,
                d.nextAttemptAt, d.lastAttemptAt, d.lastStatusCode, d.lastError, d.deliveredAt);
    }
}
