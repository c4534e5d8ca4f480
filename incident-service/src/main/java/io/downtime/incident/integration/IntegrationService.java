package io.downtime.incident.integration;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.downtime.common.problem.ProblemException;
import io.downtime.incident.repository.ServiceRepository;
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

    private static ProblemException notFound(long id) {
        return ProblemException.notFound("Integration " + id + " does not exist.");
    }
}
