package io.downtime.incident.integration;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.downtime.common.problem.ProblemException;
import io.downtime.incident.repository.ServiceRepository;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;

/** Integrations: created with a fresh key (shown once), listed, read, deleted; keys looked up by digest. */
@ApplicationScoped
public class IntegrationService {

    private final IntegrationRepository integrations;
    private final ServiceRepository services;
    private final Clock clock;

    public IntegrationService(IntegrationRepository integrations, ServiceRepository services, Clock clock) {
        this.integrations = integrations;
        this.services = services;
        this.clock = clock;
    }

    /**
     * Creates an integration with a new random key; its default service row is created when absent.
     *
     * @return the integration with its key (the only time the key is returned)
     * @throws ProblemException 409 when the name is taken, 422 when a PagerDuty integration has no service (as a
     *         failed {@code Uni})
     */
    @WithTransaction
    public Uni<IntegrationView> create(IntegrationRequest request) {
        IntegrationKind kind = IntegrationKind.parse(request.kind());
        String service = request.service() == null ? null : request.service().strip();
        if (kind == IntegrationKind.PAGERDUTY && (service == null || service.isEmpty())) {
            return Uni.createFrom().failure(ProblemException.unprocessable(
                    "service: required for a pagerduty integration (every event of its routing key belongs to it)"));
        }
        String name = request.name().strip();
        return integrations.findByName(name).chain(existing -> {
            if (existing != null) {
                return Uni.createFrom().failure(ProblemException.conflict("An integration named '" + name + "' exists."));
            }
            Integration integration = new Integration();
            integration.name = name;
            integration.kind = kind;
            integration.active = true;
            integration.service = service == null || service.isEmpty() ? null : service;
            integration.createdAt = Instant.now(clock).truncatedTo(ChronoUnit.MICROS);
            String key = IntegrationKeys.generate();
            Uni<?> serviceRow = integration.service == null ? Uni.createFrom().voidItem() : services.lock(integration.service);
            return serviceRow
                    .chain(() -> integrations.persistAndFlush(integration))
                    .call(i -> integrations.addKey(i.id, IntegrationKeys.sha256Hex(key)))
                    .map(i -> IntegrationView.from(i, key));
        });
    }

    /** @return every integration, by id (keys never included) */
    @WithSession
    public Uni<List<IntegrationView>> list() {
        return integrations.listAll(Sort.ascending("id"))
                .map(list -> list.stream().map(i -> IntegrationView.from(i, null)).toList());
    }

    /** @throws ProblemException 404 when unknown (as a failed {@code Uni}) */
    @WithSession
    public Uni<IntegrationView> get(long id) {
        return integrations.findById(id)
                .onItem().ifNull().failWith(() -> notFound(id))
                .map(i -> IntegrationView.from(i, null));
    }

    /**
     * Deletes the integration and its keys; incidents it opened stay.
     *
     * @throws ProblemException 404 when unknown (as a failed {@code Uni})
     */
    @WithTransaction
    public Uni<Void> delete(long id) {
        return integrations.deleteById(id).chain(deleted -> deleted ? Uni.createFrom().voidItem()
                : Uni.createFrom().failure(notFound(id)));
    }

    /**
     * The active integration of {@code kind} holding the unrevoked key {@code key}. Runs in the caller's session.
     *
     * @return the integration; null when the key is unknown, revoked, of another kind or its integration inactive
     */
    public Uni<Integration> authenticate(IntegrationKind kind, String key) {
        return integrations.findActiveByKey(kind, IntegrationKeys.sha256Hex(key));
    }

    /**
     * Rotation, step 1: adds a new key to the integration; its other keys keep working until revoked, so the sender
     * (Alertmanager's {@code http_config.authorization}, a PagerDuty {@code routing_key}) can be switched over first.
     *
     * @return the new key's view with the key itself (the only time it is shown)
     * @throws ProblemException 404 when the integration is unknown (as a failed {@code Uni})
     */
    @WithTransaction
    public Uni<IntegrationKeyView> addKey(long id) {
        return integrations.findById(id).onItem().ifNull().failWith(() -> notFound(id)).chain(i -> {
            String key = IntegrationKeys.generate();
            // created_at is the database's: flush, then read it back
            return integrations.addKey(i.id, IntegrationKeys.sha256Hex(key))
                    .call(k -> Panache.getSession().chain(session -> session.flush().chain(() -> session.refresh(k))))
                    .map(k -> IntegrationKeyView.from(k, key));
        });
    }

    /** @return the integration's keys, oldest first, without the keys themselves; 404 when unknown */
    @WithSession
    public Uni<List<IntegrationKeyView>> keys(long id) {
        return integrations.findById(id).onItem().ifNull().failWith(() -> notFound(id))
                .chain(i -> IntegrationKey.<IntegrationKey> list("integrationId = ?1 order by id", id))
                .map(list -> list.stream().map(k -> IntegrationKeyView.from(k, null)).toList());
    }

    /**
     * Rotation, step 2: revokes one key; from then on it no longer authenticates (PagerDuty answers 400 "Invalid
     * routing key", Alertmanager's intake 401). Revoking a revoked key changes nothing.
     *
     * @throws ProblemException 404 when the integration or the key (of this integration) is unknown
     */
    @WithTransaction
    public Uni<IntegrationKeyView> revokeKey(long id, long keyId) {
        return IntegrationKey.<IntegrationKey> find("id = ?1 and integrationId = ?2", keyId, id).firstResult()
                .onItem().ifNull().failWith(() -> ProblemException
                        .notFound("Integration " + id + " has no key " + keyId + "."))
                .invoke(k -> {
                    if (k.revokedAt == null) {
                        k.revokedAt = Instant.now(clock).truncatedTo(ChronoUnit.MICROS);
                    }
                })
                .map(k -> IntegrationKeyView.from(k, null));
    }

    private static ProblemException notFound(long id) {
        return ProblemException.notFound("Integration " + id + " does not exist.");
    }
}
