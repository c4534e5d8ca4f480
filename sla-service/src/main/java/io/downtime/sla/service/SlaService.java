package io.downtime.sla.service;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.downtime.common.problem.ProblemException;
import io.downtime.sla.domain.CreditTierEmbeddable;
import io.downtime.sla.domain.SlaEntity;
import io.downtime.sla.model.CreditTier;
import io.downtime.sla.model.Revenue;
import io.downtime.sla.model.SlaRequest;
import io.downtime.sla.model.SlaResponse;
import io.downtime.sla.model.SlaWindows;
import io.downtime.sla.repository.SlaRepository;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import io.vertx.pgclient.PgException;

/** Stores and reads SLA definitions. Input is expected to be validated already (see {@link SlaRequest}). */
@ApplicationScoped
public class SlaService {

    private final SlaRepository repository;

    public SlaService(SlaRepository repository) {
        this.repository = repository;
    }

    /**
     * Outcome of {@link #put}.
     *
     * @param sla the SLA as stored
     * @param created {@code true} when the service had no SLA before, {@code false} when one was replaced
     */
    public record Stored(SlaResponse sla, boolean created) {
    }

    /**
     * Creates or replaces the SLA of {@code service} (all fields, credit tiers included), in one transaction.
     * When a concurrent request creates the same SLA first, the commit fails with a unique violation (SQLSTATE
     * 23505, see {@link #isUniqueViolation}) that the caller turns into 409.
     *
     * @param service service name
     * @param request a validated request
     * @return the stored SLA and whether it was created
     */
    @WithTransaction
    public Uni<Stored> put(String service, SlaRequest request) {
        return repository.findById(service).chain(existing -> {
            SlaEntity entity = existing != null ? existing : new SlaEntity();
            entity.service = service;
            apply(entity, request);
            if (existing != null) {
                return Uni.createFrom().item(new Stored(toResponse(entity), false));
            }
            return repository.persist(entity).map(stored -> new Stored(toResponse(stored), true));
        });
    }

    /**
     * @param service service name
     * @return the SLA; fails with {@link ProblemException} 404 when the service has none
     */
    @WithSession
    public Uni<SlaResponse> find(String service) {
        return repository.findById(service).onItem().ifNull()
                .failWith(() -> ProblemException.notFound("no SLA for service '" + service + "'"))
                .map(SlaService::toResponse);
    }

    private static void apply(SlaEntity entity, SlaRequest request) {
        entity.objectivePercent = request.objective();
        entity.windowDays = SlaWindows.days(request.window())
                .orElseThrow(() -> new IllegalArgumentException("unvalidated window " + request.window()));
        Revenue revenue = request.revenue();
        entity.revenueModel = revenue == null ? null : revenue.model();
        entity.revenueAmountPerHour = revenue == null ? null : new BigDecimal(revenue.amountPerHour());
        entity.revenueCurrency = revenue == null ? null : revenue.currency();
        entity.creditTiers.clear();
        if (request.creditTiers() != null) {
            request.creditTiers()
                    .forEach(t -> entity.creditTiers.add(new CreditTierEmbeddable(t.belowPercent(), t.creditPercent())));
        }
        entity.updatedAt = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }

    static SlaResponse toResponse(SlaEntity entity) {
        Revenue revenue = entity.revenueModel == null ? null
                : new Revenue(entity.revenueModel, entity.revenueAmountPerHour.toPlainString(), entity.revenueCurrency);
        List<CreditTier> tiers = entity.creditTiers.stream()
                .map(t -> new CreditTier(t.belowPercent, t.creditPercent))
                .sorted((a, b) -> b.belowPercent().compareTo(a.belowPercent()))
                .toList();
        return new SlaResponse(entity.service, entity.objectivePercent, SlaWindows.format(entity.windowDays), revenue,
                tiers, entity.updatedAt);
    }

    /** @return whether {@code failure} is, or is caused by, a PostgreSQL unique violation (SQLSTATE 23505) */
    public static boolean isUniqueViolation(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof PgException pg && "23505".equals(pg.getSqlState())) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }
}
