package io.downtime.incident.integration;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * An integration as the API shows it. The key is present only in the answer to its creation ({@code 201}): it is
 * stored as a SHA-256 digest and cannot be shown again.
 *
 * @param kind {@code pagerduty} or {@code alertmanager}
 * @param service default service; null for an Alertmanager integration without one
 * @param key the integration key (PagerDuty {@code routing_key}, Alertmanager bearer token), 32 hex characters;
 *        only on creation
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record IntegrationView(Long id, String name, String kind, String service, boolean active, Instant createdAt,
        String key) {

    static IntegrationView from(Integration i, String key) {
        return new IntegrationView(i.id, i.name, i.kind.json(), i.service, i.active, i.createdAt, key);
    }
}
