package io.downtime.incident.integration;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One key of an integration as the API shows it: never the key itself, except in the answer to its creation.
 *
 * @param id the key's id (for revoking it)
 * @param createdAt when it was made
 * @param revokedAt when it was revoked; null while it authenticates
 * @param key the key (32 hex characters), only in the {@code 201} of {@code POST /api/v1/integrations/{id}/keys}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record IntegrationKeyView(Long id, Instant createdAt, Instant revokedAt, String key) {

    static IntegrationKeyView from(IntegrationKey k, String key) {
        return new IntegrationKeyView(k.id, k.createdAt, k.revokedAt, key);
    }
}
