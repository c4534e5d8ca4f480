package io.downtime.incident.service;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.downtime.incident.config.IncidentConfig;
import io.downtime.incident.domain.Signal;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.vertx.core.runtime.context.VertxContextSafetyToggle;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

/**
 * Receives signals: stores each id once, applies it to the latest state of its (target, region) unless it is older
 * than that state, and re-evaluates the service's outage (see {@link SignalIngest}).
 * <p>
 * Group commit: signals go to one of {@code downtime.incident.signal-batch.max-concurrent} lanes by their service's
 * name, so that concurrent batches lock disjoint services and signals of one service keep their arrival order. Each
 * lane stores one batch at a time; a signal that arrives while its lane is busy waits, and when the batch commits the
 * next one takes up to {@code max-size} waiting signals into one transaction. Under light load every batch holds one
 * signal; under heavy load a few statements are shared by hundreds of signals. A signal is acknowledged only after the
 * transaction that stored it committed; a batch that fails (a deadlock, a constraint) is retried one signal per
 * transaction, so one bad signal never fails the others.
 * <p>
 * A batch's first transaction ({@link SignalIngest#split}) stores the signals of services whose outage stays as it is,
 * and they are answered at once; the signals of services whose outage changes (the rest) follow in a slower transaction
 * ({@link SignalIngest#rest}, tens of milliseconds), which the lane waits for. (Letting the lane go on meanwhile, and
 * holding only the changing services' later signals, was measured in issue 7: it made rests about twice as slow under
 * load, for no better p99.) A rest that fails is retried one signal per transaction, without the already stored first
 * part.
 * <p>
 * Metrics: {@code signals_received_total{duplicate="true|false"}}, {@code incidents_opened_total},
 * {@code signal_batch_size} (signals per batch), {@code signal_batches_split_total} (batches retried one signal at a
 * time), {@code signal_batch_seconds{path="sql-client|hibernate"}} (a batch's two transactions, see
 * {@link SignalIngest}).
 */
@ApplicationScoped
public class SignalService {

    private static final Logger LOG = Logger.getLogger(SignalService.class);

    private final SignalIngest ingest;
    private final Vertx vertx;
    private final int maxSize;
    private final Lane[] lanes;
    private final Counter received;
    private final Counter duplicates;
    private final Counter incidentsOpened;
    private final DistributionSummary batchSize;
    private final Counter batchesSplit;

    /** Signals of some services, stored one batch at a time; their pending signals applied one rest at a time. */
    private static final class Lane {
        final Queue<Pending> queue = new ConcurrentLinkedQueue<>();
        final AtomicBoolean busy = new AtomicBoolean();
        /** Per service, how many of its signals are stored pending and not applied yet (guarded by the lane). */
        final Map<String, Integer> pending = new HashMap<>();
        /** Pending signals not yet handed to a rest, in arrival order (guarded by the lane). */
        final List<Deferred> toApply = new ArrayList<>();
        /** Whether a rest is running (guarded by the lane). */
        boolean applying;
    }

    /** A signal waiting for its batch, and the answer its request waits for. */
    private record Pending(Signal signal, CompletableFuture<SignalOutcome> outcome) {
    }

    /**
     * A signal stored pending; {@code waiter} is its request when that waits until it is applied (it changed its
     * service's outage), null when it was answered once stored.
     */
    private record Deferred(Signal signal, Pending waiter) {
    }

    public SignalService(SignalIngest ingest, Vertx vertx, IncidentConfig config, MeterRegistry registry) {
        this.ingest = ingest;
        this.vertx = vertx;
        this.maxSize = config.signalBatch().maxSize();
        this.lanes = new Lane[config.signalBatch().maxConcurrent()];
        for (int i = 0; i < lanes.length; i++) {
            lanes[i] = new Lane();
        }
        this.received = signalsCounter(registry, false);
        this.duplicates = signalsCounter(registry, true);
        this.incidentsOpened = Counter.builder("incidents.opened")
                .description("Incidents opened because a service went down")
                .register(registry);
        this.batchSize = DistributionSummary.builder("signal.batch.size")
                .description("Signals stored per transaction")
                .register(registry);
        this.batchesSplit = Counter.builder("signal.batches.split")
                .description("Batches of signals that failed and were retried one signal per transaction")
                .register(registry);
    }

    /**
     * Receives one signal, idempotently by id. A duplicate (the id is already stored, possibly by another replica at
     * the same moment) changes nothing.
     *
     * @param signal a validated signal
     * @return the outcome, after the transaction that stored it committed; emitted on the caller's Vert.x context
     */
    public Uni<SignalOutcome> receive(Signal signal) {
        if (maxSize == 1) {
            return ingest.one(signal).invoke(this::count);
        }
        Context caller = Vertx.currentContext();
        Pending pending = new Pending(signal, new CompletableFuture<>());
        Lane lane = lanes[Math.floorMod(signal.service().hashCode(), lanes.length)];
        lane.queue.add(pending);
        dispatch(lane);
        Uni<SignalOutcome> outcome = Uni.createFrom().completionStage(pending.outcome());
        return caller == null ? outcome : outcome.emitOn(task -> caller.runOnContext(v -> task.run()));
    }

    /**
     * Starts the lane's next batch unless one is in flight (whose end dispatches again). A signal added while the
     * lane finishes is seen either by the finishing batch's dispatch or by its own.
     */
    private void dispatch(Lane lane) {
        while (!lane.queue.isEmpty() && lane.busy.compareAndSet(false, true)) {
            List<Pending> batch = new ArrayList<>();
            for (Pending p; batch.size() < maxSize && (p = lane.queue.poll()) != null;) {
                batch.add(p);
            }
            if (!batch.isEmpty()) {
                start(lane, batch);
                return;
            }
            lane.busy.set(false);
        }
    }

    /** Runs a batch on a fresh duplicated Vert.x context (its own Hibernate Reactive session). */
    private void start(Lane lane, List<Pending> batch) {
        Set<String> pendingServices;
        synchronized (lane) {
            pendingServices = Set.copyOf(lane.pending.keySet());
        }
        onNewContext(() -> ingest.split(batch.stream().map(Pending::signal).toList(), pendingServices).subscribe().with(
                split -> {
                    batchSize.record(batch.size());
                    List<Deferred> deferred = answer(batch, split.results(), split.rest(), pendingServices);
                    synchronized (lane) {
                        deferred.forEach(d -> lane.pending.merge(d.signal().service(), 1, Integer::sum));
                        lane.toApply.addAll(deferred);
                    }
                    // the next batch goes on at once: it stores the pending services' signals as pending too
                    finish(lane);
                    apply(lane);
                },
                failure -> {
                    batchesSplit.increment();
                    LOG.debugf(failure, "batch of %d signals failed; storing them one per transaction", batch.size());
                    oneByOne(batch, 0, () -> finish(lane));
                }));
    }

    /**
     * Answers the signals of {@code pendings}: the first occurrence of an id its outcome, a repeated or already stored
     * id a duplicate. A signal of {@code rest} whose service was not pending before the batch (it changes its
     * service's outage, or follows one that does in the same batch) is not answered: it waits until it is applied.
     *
     * @return the signals of {@code rest}, in order, each with its request when that waits
     */
    private List<Deferred> answer(List<Pending> pendings, Map<UUID, SignalOutcome> results, List<Signal> rest,
            Set<String> pendingServices) {
        Map<UUID, Pending> waiters = new HashMap<>();
        Set<UUID> restIds = rest.stream().map(Signal::id).collect(Collectors.toSet());
        Set<UUID> answered = new HashSet<>();
        for (Pending p : pendings) {
            UUID id = p.signal().id();
            if (restIds.contains(id) && !pendingServices.contains(p.signal().service()) && answered.add(id)) {
                waiters.put(id, p);
                continue;
            }
            SignalOutcome outcome = results.get(id);
            complete(p, outcome != null && answered.add(id) ? outcome : SignalOutcome.duplicate(id));
        }
        return rest.stream().map(s -> new Deferred(s, waiters.get(s.id()))).toList();
    }

    /** Starts a rest with every pending signal not handed to one yet, unless one is running (whose end starts again). */
    private void apply(Lane lane) {
        List<Deferred> work;
        synchronized (lane) {
            if (lane.applying || lane.toApply.isEmpty()) {
                return;
            }
            lane.applying = true;
            work = List.copyOf(lane.toApply);
            lane.toApply.clear();
        }
        onNewContext(() -> ingest.rest(work.stream().map(Deferred::signal).toList()).subscribe().with(
                results -> applied(lane, work, results, Map.of()),
                failure -> {
                    batchesSplit.increment();
                    LOG.debugf(failure, "rest of %d signals failed; applying them one per transaction", work.size());
                    restOneByOne(lane, work, 0, new HashMap<>(), new HashMap<>());
                }));
    }

    /**
     * A failed rest again, one signal per transaction. A signal that fails alone too stays pending (the sweep,
     * {@link PendingSignalSweep}, retries it); its waiting request fails.
     */
    private void restOneByOne(Lane lane, List<Deferred> work, int index, Map<UUID, SignalOutcome> results,
            Map<UUID, Throwable> failures) {
        if (index == work.size()) {
            applied(lane, work, results, failures);
            return;
        }
        Signal signal = work.get(index).signal();
        ingest.rest(List.of(signal)).subscribe().with(
                one -> {
                    results.putAll(one);
                    restOneByOne(lane, work, index + 1, results, failures);
                },
                failure -> {
                    LOG.warnf("pending signal %s of service %s could not be applied (left pending for the sweep): %s",
                            signal.id(), signal.service(), failure.toString());
                    failures.put(signal.id(), failure);
                    restOneByOne(lane, work, index + 1, results, failures);
                });
    }

    /**
     * A rest ended: its services are no longer pending (unless later signals of theirs wait), then the waiting requests
     * are answered, and the next rest starts.
     */
    private void applied(Lane lane, List<Deferred> work, Map<UUID, SignalOutcome> results,
            Map<UUID, Throwable> failures) {
        synchronized (lane) {
            work.forEach(d -> lane.pending.computeIfPresent(d.signal().service(), (name, n) -> n == 1 ? null : n - 1));
            lane.applying = false;
        }
        for (Deferred d : work) {
            UUID id = d.signal().id();
            SignalOutcome outcome = results.getOrDefault(id, SignalOutcome.pending(id));
            if (d.waiter() == null) {
                countApplied(outcome);
            } else if (failures.containsKey(id)) {
                d.waiter().outcome().completeExceptionally(failures.get(id));
            } else {
                complete(d.waiter(), outcome);
            }
        }
        apply(lane);
    }

    private void onNewContext(Runnable action) {
        Context current = Vertx.currentContext();
        Context context = VertxContext.createNewDuplicatedContext(current != null ? current : vertx.getOrCreateContext());
        VertxContextSafetyToggle.setContextSafe(context, true);
        context.runOnContext(v -> action.run());
    }

    private void oneByOne(List<Pending> pendings, int index, Runnable then) {
        if (index == pendings.size()) {
            then.run();
            return;
        }
        Pending pending = pendings.get(index);
        ingest.one(pending.signal()).subscribe().with(
                outcome -> {
                    batchSize.record(1);
                    complete(pending, outcome);
                    oneByOne(pendings, index + 1, then);
                },
                failure -> {
                    pending.outcome().completeExceptionally(failure);
                    oneByOne(pendings, index + 1, then);
                });
    }

    private void complete(Pending pending, SignalOutcome outcome) {
        count(outcome);
        pending.outcome().complete(outcome);
    }

    private void finish(Lane lane) {
        lane.busy.set(false);
        dispatch(lane);
    }

    private void count(SignalOutcome outcome) {
        (outcome.duplicate() ? duplicates : received).increment();
        countApplied(outcome);
    }

    /** Counts what applying a signal did (a signal answered once stored was counted as received then). */
    private void countApplied(SignalOutcome outcome) {
        if (outcome.evaluation().incidentCreated()) {
            incidentsOpened.increment();
        }
    }

    private static Counter signalsCounter(MeterRegistry registry, boolean duplicate) {
        return Counter.builder("signals.received")
                .description("Signals received from probe-services, by whether the id was already stored")
                .tag("duplicate", String.valueOf(duplicate))
                .register(registry);
    }
}
