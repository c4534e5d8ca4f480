package io.downtime.incident.service;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import jakarta.enterprise.context.ApplicationScoped;

import io.downtime.incident.domain.Signal;
import io.downtime.incident.repository.RegionSignalRepository;
import io.downtime.incident.repository.ServiceRepository;
import io.downtime.incident.repository.TargetRegionStateRepository;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.pgclient.PgException;

/**
 * Receives signals: stores each id once, applies it to the latest state of its (target, region) unless it is older
 * than that state, and re-evaluates the service's outage. One transaction per signal, serialized per service by a
 * lock on the service row.
 * <p>
 * Metrics: {@code signals_received_total{duplicate="true|false"}}, {@code incidents_opened_total}.
 */
@ApplicationScoped
public class SignalService {

    private static final String UNIQUE_VIOLATION = "23505";

    private final RegionSignalRepository signals;
    private final ServiceRepository services;
    private final TargetRegionStateRepository states;
    private final OutageService outages;
    private final Clock clock;
    private final Counter received;
    private final Counter duplicates;
    private final Counter incidentsOpened;

    public SignalService(RegionSignalRepository signals, ServiceRepository services, TargetRegionStateRepository states,
            OutageService outages, Clock clock, MeterRegistry registry) {
        this.signals = signals;
        this.services = services;
        this.states = states;
        this.outages = outages;
        this.clock = clock;
        this.received = signalsCounter(registry, false);
        this.duplicates = signalsCounter(registry, true);
        this.incidentsOpened = Counter.builder("incidents.opened")
                .description("Incidents opened because a service went down")
                .register(registry);
    }

    /**
     * Receives one signal, idempotently by id. A duplicate (the id is already stored, possibly by another replica
     * at the same moment) changes nothing.
     *
     * @param signal a validated signal
     * @return the outcome, after the transaction committed
     */
    public Uni<SignalOutcome> receive(Signal signal) {
        return Panache.withTransaction(() -> ingest(signal))
                .onFailure(SignalService::isDuplicateId).recoverWithItem(() -> SignalOutcome.duplicate(signal.id()))
                .invoke(outcome -> {
                    (outcome.duplicate() ? duplicates : received).increment();
                    if (outcome.evaluation().incidentCreated()) {
                        incidentsOpened.increment();
                    }
                });
    }

    private Uni<SignalOutcome> ingest(Signal signal) {
        Instant now = Instant.now(clock).truncatedTo(ChronoUnit.MICROS);
        return signals.insertIfAbsent(signal, now).chain(inserted -> {
            if (!inserted) {
                return Uni.createFrom().item(SignalOutcome.duplicate(signal.id()));
            }
            return services.lock(signal.service())
                    .chain(() -> states.applyIfNewer(signal))
                    .chain(applied -> {
                        if (!applied) {
                            return Uni.createFrom().item(SignalOutcome.stale(signal.id()));
                        }
                        return signals.markApplied(signal.id())
                                .chain(() -> outages.reevaluate(signal.service(), signal, now))
                                .map(evaluation -> new SignalOutcome(signal.id(), false, true, evaluation));
                    });
        });
    }

    /**
     * {@code insert ... on conflict do nothing} already turns a concurrent duplicate into "0 rows"; this is the
     * belt to those braces: a unique violation of the signal primary key still means "already stored".
     */
    static boolean isDuplicateId(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof PgException pg && UNIQUE_VIOLATION.equals(pg.getSqlState())
                    && RegionSignalRepository.PRIMARY_KEY.equals(pg.getConstraint())) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }

    private static Counter signalsCounter(MeterRegistry registry, boolean duplicate) {
        return Counter.builder("signals.received")
                .description("Signals received from probe-services, by whether the id was already stored")
                .tag("duplicate", String.valueOf(duplicate))
                .register(registry);
    }
}
