package io.downtime.probe.service;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.ws.rs.WebApplicationException;

import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

import io.downtime.probe.client.IncidentClient;
import io.downtime.probe.config.ProbeConfig;
import io.downtime.probe.domain.OutboxEntry;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

/**
 * Delivers outbox signals to incident-service, at least once and in order per target: entries are sent oldest
 * first; after a failure the target's later entries wait, and a transport failure (incident-service down) ends
 * the run. A failed entry is retried with exponential back-off and "equal jitter" (AWS Architecture Blog,
 * "Exponential Backoff and Jitter") from {@code downtime.outbox.initial-backoff} up to {@code max-backoff}. A 400 or
 * 422 answer means the signal itself is invalid: it is marked rejected and logged, never retried; any other
 * failure is retried. A transport failure (incident-service unreachable) does not grow the signal's back-off: the
 * relay as a whole pauses (doubling up to {@code unreachable-max-backoff}, default 5 s) and sends every due signal as
 * soon as incident-service answers again.
 * Rows are locked ({@code SELECT … FOR UPDATE}) so two replicas do not send the same batch at once.
 */
@ApplicationScoped
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);

    private final IncidentClient incidents;
    private final ProbeConfig config;
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicBoolean again = new AtomicBoolean();
    /** Transport failures in a row (incident-service unreachable); 0 after any delivery. */
    private final AtomicInteger unreachableStreak = new AtomicInteger();
    /** No relay run before this instant while incident-service is unreachable. */
    private volatile Instant pausedUntil = Instant.EPOCH;

    public OutboxRelay(@RestClient IncidentClient incidents, ProbeConfig config) {
        this.incidents = incidents;
        this.config = config;
    }

    /**
     * One relay run; scheduled every {@code downtime.outbox.poll-interval} (default 1 s) and also started right
     * after a probe writes a signal. Single-flight within this process: a call while a run is in flight only asks
     * that run to go once more when it ends (so a new signal is not left for the next tick), and returns at once —
     * a probe never waits on the relay's row locks. Must run on a Vert.x context.
     */
    @Scheduled(every = "${downtime.outbox.poll-interval:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> relay() {
        if (!running.compareAndSet(false, true)) {
            again.set(true);
            return Uni.createFrom().voidItem();
        }
        again.set(false);
        return relayOnce()
                .eventually(() -> running.set(false))
                .chain(() -> again.getAndSet(false) ? relay() : Uni.createFrom().voidItem());
    }

    private Uni<Void> relayOnce() {
        if (Instant.now().isBefore(pausedUntil)) {
            return Uni.createFrom().voidItem();
        }
        return Panache.withTransaction(() -> OutboxEntry
                .<OutboxEntry> find("deliveredAt is null and rejectedAt is null order by createdAt, id")
                .withLock(LockModeType.PESSIMISTIC_WRITE)
                .page(0, config.outbox().batchSize())
                .list()
                .chain(this::deliver));
    }

    private Uni<Void> deliver(List<OutboxEntry> entries) {
        // the REST client may complete on another thread; entity changes must happen back on this Vert.x context
        Context context = Vertx.currentContext();
        Instant now = Instant.now();
        Set<Long> held = new HashSet<>();
        AtomicBoolean unreachable = new AtomicBoolean();
        return Multi.createFrom().iterable(entries)
                .onItem().transformToUniAndConcatenate(entry -> {
                    if (unreachable.get() || held.contains(entry.targetId) || entry.nextAttemptAt.isAfter(now)) {
                        held.add(entry.targetId);
                        return Uni.createFrom().voidItem();
                    }
                    return incidents.send(entry.payload)
                            .emitOn(command -> context.runOnContext(ignored -> command.run()))
                            .invoke(response -> {
                                entry.deliveredAt = Instant.now();
                                unreachableStreak.set(0);
                            })
                            .replaceWithVoid()
                            .onFailure().recoverWithUni(e -> Uni.createFrom().emitter(em -> context.runOnContext(ignored -> {
                                held.add(entry.targetId);
                                onFailure(entry, e, unreachable);
                                em.complete(null);
                            })));
                })
                .collect().last()
                .replaceWithVoid();
    }

    private void onFailure(OutboxEntry entry, Throwable e, AtomicBoolean unreachable) {
        entry.attempts++;
        entry.lastError = truncate(e.getClass().getSimpleName() + ": " + e.getMessage());
        if (e instanceof WebApplicationException wae) {
            int status = wae.getResponse().getStatus();
            // only "your signal is invalid" is final (CONTRACTS.md); 401/403/404/409/413… may be a proxy, a wrong
            // URL or a rolling deploy, and are retried
            if (status == 400 || status == 422) {
                entry.rejectedAt = Instant.now();
                LOG.errorf("incident-service rejected signal %s with %d; not retried: %s", entry.id, status,
                        entry.payload);
                return;
            }
        } else {
            // incident-service unreachable: the signal stays due; the whole relay pauses instead (see
            // downtime.outbox.unreachable-max-backoff), so it goes out as soon as incident-service answers again
            unreachable.set(true);
            int streak = unreachableStreak.incrementAndGet();
            pausedUntil = Instant.now().plus(backoff(streak, config.outbox().unreachableMaxBackoff()));
            LOG.warnf("incident-service unreachable (%d in a row), relay paused until %s: %s", streak, pausedUntil,
                    entry.lastError);
            return;
        }
        entry.nextAttemptAt = Instant.now().plus(backoff(entry.attempts));
        LOG.warnf("signal %s not delivered (attempt %d), retry at %s: %s", entry.id, entry.attempts,
                entry.nextAttemptAt, entry.lastError);
    }

    /** Equal-jitter exponential back-off (half fixed, half random) for the given attempt number (1-based). */
    Duration backoff(int attempts) {
        return backoff(attempts, config.outbox().maxBackoff());
    }

    private Duration backoff(int attempts, Duration max) {
        long base = config.outbox().initialBackoff().toMillis();
        long cap = max.toMillis();
        long ceiling = Math.min(cap, base << Math.min(attempts - 1, 20));
        return Duration.ofMillis(ThreadLocalRandom.current().nextLong(ceiling / 2, ceiling + 1));
    }

    private static String truncate(String s) {
        return s.length() > 500 ? s.substring(0, 500) : s;
    }
}
