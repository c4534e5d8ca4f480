package io.downtime.incident.integration;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.PanacheRepository;
import io.smallrye.mutiny.Uni;

/** Integrations and their keys. */
@ApplicationScoped
public class IntegrationRepository implements PanacheRepository<Integration> {

    /**
     * @param kind the kind the key must belong to
     * @param keySha256 hex SHA-256 of the presented key
     * @return the active integration of that kind holding this unrevoked key; null when none
     */
    public Uni<Integration> findActiveByKey(IntegrationKind kind, String keySha256) {
        return find("""
                from Integration i where i.active = true and i.kind = ?1 and exists (
                  select 1 from IntegrationKey k where k.integrationId = i.id and k.keySha256 = ?2 and k.revokedAt is null)
                """, kind, keySha256).firstResult();
    }

    /** @return the integration with this name; null when none */
    public Uni<Integration> findByName(String name) {
        return find("name", name).firstResult();
    }

    /** Stores a new key digest for the integration. */
    public Uni<IntegrationKey> addKey(long integrationId, String keySha256) {
        IntegrationKey key = new IntegrationKey();
        key.integrationId = integrationId;
        key.keySha256 = keySha256;
        return key.persist();
    }
}
