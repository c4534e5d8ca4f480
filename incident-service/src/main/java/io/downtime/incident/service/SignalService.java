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
 * A batch's first transaction ({@link SignalIngest#split}) stores every new signal and is answered at once, except
 * the signals that change their service's outage (open, reopen, move or end it) and those after them in the batch of
 * the same service: these are stored <em>pending</em>, and a rest ({@link SignalIngest#rest}, Hibernate, tens of
 * milliseconds) applies them; the request of the signal that changes the outage is answered when it commits, so a
 * client that sent the change sees it applied; the others are answered at once. The lane does not wait for the rest: its next
 * batches go on, and store the signals of services with
 * pending signals as pending too, answered at once; the lane's rests run one at a time, each taking every pending
 * signal not yet applied, in arrival order. (Issue 7: waiting for the rest, half of all signals waited behind it under
 * the flapping benchmark; holding the changing services' later signals without storing them made them wait for it.)
 * A rest that fails is retried one signal per transaction; a signal that fails alone too stays pending for
 * {@link PendingSignalSweep}, as do the pending signals of a replica that stopped.
 * <p>
 * Order: per service, signals are applied in arrival order within a replica. A batch that fails is stored one signal
 * per transaction ({@link SignalIngest#one}), which applies at once, even for a service with signals pending.
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
        /** Pending signals not handed to a rest or a batch yet, in arrival order (guarded by the lane). */
        final List<Deferred> toApply = new ArrayList<>();
        /** The pending signals the running rest applies; null when none runs (guarded by the lane). */
        List<Deferred> running;
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
     * lane finishes is seen either by the finishing batch's dispatch or by its own. When no rest runs, the batch first
     * takes the pending signals left by the last one (see {@link SignalIngest#split(List, Set, List)}); while one runs,
     * the services with pending signals are pending for the batch.
     */
    private void dispatch(Lane lane) {
        while (hasWork(lane) && lane.busy.compareAndSet(false, true)) {
            List<Pending> batch = new ArrayList<>();
            for (Pending p; batch.size() < maxSize && (p = lane.queue.poll()) != null;) {
                batch.add(p);
            }
            List<Deferred> carried;
            Set<String> pendingServices = new HashSet<>();
            synchronized (lane) {
                if (lane.running == null) {
                    carried = List.copyOf(lane.toApply);
                    lane.toApply.clear();
                } else {
                    carried = List.of();
                    lane.running.forEach(d -> pendingServices.add(d.signal().service()));
                    lane.toApply.forEach(d -> pendingServices.add(d.signal().service()));
                }
            }
            if (!batch.isEmpty() || !carried.isEmpty()) {
                start(lane, batch, carried, pendingServices);
                return;
            }
            lane.busy.set(false);
        }
    }

    private static boolean hasWork(Lane lane) {
        if (!lane.queue.isEmpty()) {
            return true;
        }
        synchronized (lane) {
            return lane.running == null && !lane.toApply.isEmpty();
        }
    }

    /** Runs a batch on a fresh duplicated Vert.x context (its own Hibernate Reactive session). */
    private void start(Lane lane, List<Pending> batch, List<Deferred> carried, Set<String> pendingServices) {
        onNewContext(() -> ingest.split(batch.stream().map(Pending::signal).toList(), pendingServices,
                carried.stream().map(Deferred::signal).toList()).subscribe().with(
                        split -> {
                            if (!batch.isEmpty()) {
                                batchSize.record(batch.size());
                            }
                            List<Deferred> deferred = answer(batch, carried, split, pendingServices);
                            List<Deferred> run = null;
                            synchronized (lane) {
                                lane.toApply.addAll(deferred);
                                if (lane.running == null && !deferred.isEmpty()) {
                                    // an outage changes: a rest applies it, with every pending signal before it
                                    run = List.copyOf(lane.toApply);
                                    lane.toApply.clear();
                                    lane.running = run;
                                }
                            }
                            // the next batch goes on at once: it stores the pending services' signals as pending too
                            finish(lane);
                            if (run != null) {
                                rest(lane, run);
                            }
                        },
                        failure -> {
                            batchesSplit.increment();
                            LOG.debugf(failure, "batch of %d signals failed; storing them one per transaction",
                                    batch.size());
                            synchronized (lane) {
                                // nothing of the batch was stored: the carried signals are still pending
                                lane.toApply.addAll(0, carried);
                            }
                            oneByOne(batch, 0, () -> finish(lane));
                        }));
    }

    /**
     * Answers what a batch settled. A carried signal's waiting request gets its outcome unless it is pending again.
     * The batch's signals: the first occurrence of an id its outcome, a repeated, already stored or carried id a
     * duplicate; the first signal of the rest of a service that was not pending before the batch (the one that changes
     * its service's outage) is not answered: it waits until it is applied.
     *
     * @return the signals of the rest, in order, each with its request when that waits
     */
    private List<Deferred> answer(List<Pending> batch, List<Deferred> carried, SignalIngest.Split split,
            Set<String> pendingServices) {
        Set<UUID> restIds = split.rest().stream().map(Signal::id).collect(Collectors.toSet());
        Map<UUID, Pending> waiters = new HashMap<>();
        Set<UUID> answered = new HashSet<>();
        for (Deferred d : carried) {
            UUID id = d.signal().id();
            answered.add(id);
            if (restIds.contains(id)) {
                if (d.waiter() != null) {
                    waiters.put(id, d.waiter());
                }
                continue;
            }
            // no outcome: no longer pending (the sweep settled it)
            SignalOutcome outcome = split.results().getOrDefault(id, SignalOutcome.pending(id));
            if (d.waiter() == null) {
                countApplied(outcome);
            } else {
                complete(d.waiter(), outcome);
            }
        }
        Set<String> changing = new HashSet<>();
        for (Pending p : batch) {
            UUID id = p.signal().id();
            String service = p.signal().service();
            SignalOutcome result = split.results().get(id);
            boolean redelivery = result != null && result.duplicate();
            if (restIds.contains(id) && !redelivery && !pendingServices.contains(service) && changing.add(service)
                    && answered.add(id)) {
                // the first of its service in the rest: the signal that changes the outage waits for it
                waiters.put(id, p);
                continue;
            }
            complete(p, result != null && answered.add(id) ? result : SignalOutcome.duplicate(id));
        }
        return split.rest().stream().map(s -> new Deferred(s, waiters.get(s.id()))).toList();
    }

    /** Applies pending signals through {@link SignalIngest#rest}: {@code work} is the lane's running rest. */
    private void rest(Lane lane, List<Deferred> work) {
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
     * A rest ended: the lane has none running, then the waiting requests are answered, and the next batch takes the
     * signals that became pending meanwhile (in memory, unless they change an outage again).
     */
    private void applied(Lane lane, List<Deferred> work, Map<UUID, SignalOutcome> results,
            Map<UUID, Throwable> failures) {
        synchronized (lane) {
            lane.running = null;
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
        dispatch(lane);
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
