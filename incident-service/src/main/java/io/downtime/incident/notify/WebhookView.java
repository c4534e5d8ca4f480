package io.downtime.incident.notify;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A webhook subscription as the API shows it: never with its secret, except a generated one in the answer to its
 * creation.
 *
 * @param service only incidents of this service; null = every service
 * @param secret only when the server generated it, in the {@code 201} answer
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record WebhookView(Long id, String url, String service, boolean active, String description, Instant createdAt,
        Instant updatedAt, String secret) {

    static WebhookView from(WebhookSubscription s, String generatedSecret) {
        return new WebhookView(s.id, s.url, s.service, s.active, s.description, s.createdAt, s.updatedAt, generatedSecret);
    }
}
