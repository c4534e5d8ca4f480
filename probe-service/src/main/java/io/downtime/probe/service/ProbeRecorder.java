package io.downtime.probe.service;

import java.time.Instant;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.downtime.probe.client.Signal;
import io.downtime.probe.config.ProbeConfig;
import io.downtime.probe.domain.OutboxEntry;
import io.downtime.probe.domain.ProbeState;
import io.downtime.probe.domain.TargetStatus;
import io.downtime.probe.probe.ProbeResult;
import io.downtime.probe.probe.StateMachine;
import io.downtime.probe.probe.StateMachine.Transition;
import io.downtime.probe.probe.TargetSpec;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * Records one probe result: updates the target's status and, when the result confirms a state change, writes
 * the signal to the outbox — both in one transaction, so a state change is never stored without its signal.
 */
@ApplicationScoped
public class ProbeRecorder {

    private static final Logger LOG = Logger.getLogger(ProbeRecorder.class);

    private final ProbeConfig config;
    private final ObjectMapper mapper;
    private final MeterRegistry registry;

    public ProbeRecorder(ProbeConfig config, ObjectMapper mapper, MeterRegistry registry) {
        this.config = config;
        this.mapper = mapper;
        this.registry = registry;
    }

    /**
     * Must be called on a Vert.x (duplicated) context.
     *
     * @return {@code true} when a signal was written to the outbox; {@code false} when the state did not change
     *         or the target was deleted meanwhile
     */
    public Uni<Boolean> record(TargetSpec target, ProbeResult result) {
        // downtime_probes_total{service,kind,state,reason}: the default SLI of sla-service's generated burn-rate rules
        io.micrometer.core.instrument.Counter.builder("downtime.probes").description("Probes by outcome")
                .tags("service", target.service(), "kind", target.kind().wireName(), "state", result.state().name(),
                        "reason", result.reason())
                .register(registry).increment();
        return Panache.withTransaction(() -> TargetStatus
                .<TargetStatus> findById(target.id(), LockModeType.PESSIMISTIC_WRITE).chain(status -> {
                    // gone, or overtaken by a newer probe of the same target (a job rescheduled mid-probe)
                    if (status == null || (status.lastProbeAt != null && !result.probedAt().isAfter(status.lastProbeAt))) {
                        return Uni.createFrom().item(false);
                    }
                    status.lastEvidence = json(result.evidence());
                    var transition = StateMachine.apply(status, result, target.failureThreshold(), target.successThreshold());
                    if (transition.isEmpty()) {
                        return Uni.createFrom().item(false);
                    }
                    OutboxEntry entry = outboxEntry(target, result, transition.get());
                    LOG.infof("target %s (%s) %s -> %s reason=%s observedAt=%s", target.name(), target.service(),
                            transition.get().from(), transition.get().to(), transition.get().reason(),
                            transition.get().observedAt());
                    io.micrometer.core.instrument.Counter.builder("downtime.signals.emitted")
                            .description("Confirmed state changes written to the outbox")
                            .tag("state", transition.get().to().name()).register(registry).increment();
                    return entry.persist().replaceWith(true);
                }));
    }

    /**
     * Retires a target's identity (name and service) in incident-service when the target is deleted or renamed
     * while {@code DOWN} or {@code DEGRADED}: writes an {@code UP} signal with reason {@code target_removed}, so
     * the outage it holds open ends now; a target that is up or unknown needs nothing. Call inside the
     * transaction that deletes or renames it.
     */
    public Uni<Void> retire(TargetSpec target, TargetStatus status) {
        if (status == null || !status.state.isBad()) {
            return Uni.createFrom().voidItem();
        }
        Instant now = Instant.now();
        LOG.infof("target %s (%s) retired while %s: signalling UP target_removed", target.name(), target.service(),
                status.state);
        return outboxEntry(target, java.util.Map.of(),
                new Transition(status.state, ProbeState.UP, "target_removed", now, now)).persist().replaceWithVoid();
    }

    private OutboxEntry outboxEntry(TargetSpec target, ProbeResult result, Transition t) {
        return outboxEntry(target, result.evidence(), t);
    }

    private OutboxEntry outboxEntry(TargetSpec target, java.util.Map<String, Object> evidence, Transition t) {
        Signal signal = new Signal(UUID.randomUUID(), config.region(), target.name(), Long.toString(target.id()),
                target.service(), target.kind().wireName(), t.to().name(), t.reason(), evidence, t.observedAt(),
                t.confirmedAt());
        OutboxEntry entry = new OutboxEntry();
        entry.id = signal.id();
        entry.targetId = target.id();
        entry.payload = json(signal);
        entry.createdAt = Instant.now();
        entry.nextAttemptAt = entry.createdAt;
        return entry;
    }

    private String json(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize " + value.getClass().getSimpleName(), e);
        }
    }
}
