package io.downtime.sla.service;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.downtime.common.problem.ProblemException;
import io.downtime.sla.domain.CreditTierEmbeddable;
import io.downtime.sla.domain.RevenueModelEmbeddable;
import io.downtime.sla.domain.SlaEntity;
import io.downtime.sla.model.CreditTier;
import io.downtime.sla.model.MonthlyFee;
import io.downtime.sla.model.Revenue;
import io.downtime.sla.model.RevenueModels;
import io.downtime.sla.model.SlaRequest;
import io.downtime.sla.model.SlaResponse;
import io.downtime.sla.model.SlaWindow;
import io.downtime.sla.model.SliQueries;
import io.downtime.sla.repository.SlaRepository;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.panache.common.Sort;
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

    /**
     * @return every stored SLA, ordered by service name (for the scheduled metrics refresh)
     */
    @WithSession
    public Uni<List<SlaResponse>> all() {
        return repository.listAll(Sort.by("service")).map(list -> list.stream().map(SlaService::toResponse).toList());
    }

    private static void apply(SlaEntity entity, SlaRequest request) {
        SlaWindow window = SlaWindow.parse(request.window())
                .orElseThrow(() -> new IllegalArgumentException("unvalidated window " + request.window()));
        entity.objectivePercent = request.objective();
        entity.windowDays = window.days();
        entity.calendarWindow = window.calendar();
        entity.timeZone = request.timeZone() == null ? "UTC" : request.timeZone();
        entity.degradedWeight = request.degradedWeight() == null ? BigDecimal.ZERO : request.degradedWeight();
        entity.excludeCauses = request.excludeCauses() == null ? ""
                : String.join(",", request.excludeCauses().stream().distinct().toList());
        entity.minOutageSeconds = request.minOutageSeconds() == null ? 0 : request.minOutageSeconds();
        RevenueModels revenue = request.revenue();
        entity.revenueForm = revenue == null ? null : revenue.isList() ? "list" : "object";
        entity.revenueModels.clear();
        if (revenue != null) {
            revenue.models().forEach(r -> entity.revenueModels.add(toEmbeddable(r)));
        }
        MonthlyFee fee = request.monthlyFee();
        entity.monthlyFeeAmount = fee == null ? null : new BigDecimal(fee.amount());
        entity.monthlyFeeCurrency = fee == null ? null : fee.currency();
        SliQueries sli = request.sli();
        entity.sliErrorQuery = sli == null ? null : sli.errorQuery();
        entity.sliTotalQuery = sli == null ? null : sli.totalQuery();
        entity.creditTiers.clear();
        if (request.creditTiers() != null) {
            request.creditTiers()
                    .forEach(t -> entity.creditTiers.add(new CreditTierEmbeddable(t.belowPercent(), t.creditPercent())));
        }
        entity.updatedAt = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }

    private static RevenueModelEmbeddable toEmbeddable(Revenue revenue) {
        RevenueModelEmbeddable row = new RevenueModelEmbeddable();
        row.model = revenue.model();
        row.currency = revenue.currency();
        row.amountPerHour = decimal(revenue.amountPerHour());
        row.hourlyVolume = revenue.hourlyVolume() == null ? null : String.join(",", revenue.hourlyVolume());
        row.feeRate = decimal(revenue.feeRate());
        row.transactionsPerMinute = decimal(revenue.transactionsPerMinute());
        row.revenuePerTransaction = decimal(revenue.revenuePerTransaction());
        return row;
    }

    private static Revenue toRevenue(RevenueModelEmbeddable row) {
        return new Revenue(row.model, plain(row.amountPerHour),
                row.hourlyVolume == null ? null : List.of(row.hourlyVolume.split(",")), plain(row.feeRate),
                plain(row.transactionsPerMinute), plain(row.revenuePerTransaction), row.currency);
    }

    private static BigDecimal decimal(String value) {
        return value == null ? null : new BigDecimal(value);
    }

    private static String plain(BigDecimal value) {
        return value == null ? null : value.toPlainString();
    }

    static SlaResponse toResponse(SlaEntity entity) {
        List<Revenue> models = entity.revenueModels.stream().map(SlaService::toRevenue).toList();
        RevenueModels revenue = entity.revenueForm == null ? null
                : "list".equals(entity.revenueForm) ? RevenueModels.list(models) : RevenueModels.single(models.get(0));
        List<CreditTier> tiers = entity.creditTiers.stream()
                .map(t -> new CreditTier(t.belowPercent, t.creditPercent))
                .sorted((a, b) -> b.belowPercent().compareTo(a.belowPercent()))
                .toList();
        String window = entity.calendarWindow != null ? entity.calendarWindow : SlaWindow.rolling(entity.windowDays).text();
        List<String> causes = entity.excludeCauses.isEmpty() ? List.of() : List.of(entity.excludeCauses.split(","));
        MonthlyFee fee = entity.monthlyFeeAmount == null ? null
                : new MonthlyFee(entity.monthlyFeeAmount.toPlainString(), entity.monthlyFeeCurrency);
        SliQueries sli = entity.sliErrorQuery == null ? null : new SliQueries(entity.sliErrorQuery, entity.sliTotalQuery);
        return new SlaResponse(entity.service, entity.objectivePercent, window, entity.timeZone, entity.degradedWeight,
                causes, entity.minOutageSeconds, revenue, fee, tiers, sli, entity.updatedAt);
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
