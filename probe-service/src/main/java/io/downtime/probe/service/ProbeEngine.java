package io.downtime.probe.service;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;

import org.jboss.logging.Logger;

import io.downtime.probe.config.ProbeConfig;
import io.downtime.probe.domain.Target;
import io.downtime.probe.domain.TargetKind;
import io.downtime.probe.metrics.ProbeMetrics;
import io.downtime.probe.probe.EvmNodeProber;
import io.downtime.probe.probe.Prober;
import io.downtime.probe.probe.TargetSpec;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.vertx.core.runtime.context.VertxContextSafetyToggle;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.impl.ContextInternal;
import io.vertx.core.impl.VertxInternal;

/**
 * Probes every target every {@code intervalSeconds} on a Vert.x timer per target (Netty's event-loop timer queue:
 * no thread and no scheduler job per target, millisecond precision — the Quarkus scheduler checks its triggers
 * once a second, so it alone would add up to a second of schedule lag). The first slot is at a random offset
 * within the interval (jitter: targets spread out), then at a fixed rate. Every probe is non-blocking and its
 * result is recorded on a fresh duplicated Vert.x context.
 *
 * <p>
 * Back-pressure: at most {@code downtime.probe.max-concurrent} probes run at once in this instance; a slot that
 * falls due while the bound is reached, or while the target's previous probe still runs, is skipped and counted
 * ({@code probe_skipped_total{reason="capacity"|"in_flight"}}); slots more than an interval late are dropped
 * ({@code reason="overrun"}). Nothing queues without bound. Actual − planned start is the
 * {@code probe_schedule_lag_seconds} histogram.
 *
 * <p>
 * The timer set follows the target table: REST changes apply at once, and a reconcile run every
 * {@code downtime.probe.reconcile-interval} (default 10 s, also at start-up) picks up everything else. With
 * several replicas in a region each schedules only the targets {@link Sharding} gives it.
 */
@ApplicationScoped
public class ProbeEngine {

    private static final Logger LOG = Logger.getLogger(ProbeEngine.class);

    private final Vertx vertx;
    private final ProbeRecorder recorder;
    private final OutboxRelay relay;
    private final Sharding sharding;
    private final Map<TargetKind, Prober> probers;
    private final EvmNodeProber evmProber;
    private final ProbeMetrics metrics;
    private final int maxConcurrent;
    private final Map<Long, Slot> scheduled = new ConcurrentHashMap<>();
    /** One event-loop context per Vert.x event loop; a target's timer and probes run on {@code loops[id % n]}. */
    private volatile ContextInternal[] loops;

    public ProbeEngine(Vertx vertx, ProbeRecorder recorder, OutboxRelay relay, Instance<Prober> probers,
            EvmNodeProber evmProber, Sharding sharding, ProbeMetrics metrics, ProbeConfig config) {
        this.vertx = vertx;
        this.sharding = sharding;
        this.recorder = recorder;
        this.relay = relay;
        this.probers = probers.stream().collect(Collectors.toMap(Prober::kind, Function.identity()));
        this.evmProber = evmProber;
        this.metrics = metrics;
        this.maxConcurrent = config.probe().maxConcurrent();
    }

    /** One target's timer: its spec, the planned start of its next probe, whether a probe of it is running. */
    private static final class Slot {
        final TargetSpec spec;
        final ContextInternal loop;
        final long periodNanos;
        final AtomicBoolean running = new AtomicBoolean();
        volatile long dueNanos;
        volatile long timerId = -1;
        volatile boolean cancelled;

        Slot(TargetSpec spec, ContextInternal loop) {
            this.spec = spec;
            this.loop = loop;
            this.periodNanos = TimeUnit.SECONDS.toNanos(spec.intervalSeconds());
        }
    }

    /** Brings the timer set in line with the target table. */
    @Scheduled(every = "${downtime.probe.reconcile-interval:10s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> reconcile() {
        Instant snapshotAt = Instant.now();
        // in one session: the target table, then the stored status of newly scheduled targets (read in bulk here
        // rather than one by one at their first probe)
        // comparing thousands of specs runs on a worker thread: on an event loop it would delay that loop's timers
        Context context = Vertx.currentContext();
        return Panache.withSession(() -> Target.<Target> listAll())
                .emitOn(Infrastructure.getDefaultWorkerPool())
                .invoke(targets -> reconcile(targets, snapshotAt))
                .emitOn(command -> context.runOnContext(ignored -> command.run()))
                .chain(() -> Panache.withSession(() -> recorder.preload(List.copyOf(scheduled.keySet()))));
    }

    /**
     * Applies a snapshot of the target table taken at {@code snapshotAt}; timers that REST changes scheduled after
     * the snapshot are newer than it and kept as they are.
     */
    synchronized void reconcile(List<Target> all, Instant snapshotAt) {
        List<Target> targets = all.stream().filter(t -> sharding.owns(t.name)).toList();
        Set<Long> present = targets.stream().map(t -> t.id).collect(Collectors.toSet());
        scheduled.values().stream().map(slot -> slot.spec)
                .filter(spec -> !present.contains(spec.id()) && spec.updatedAt().isBefore(snapshotAt))
                .map(TargetSpec::id).toList().forEach(this::unschedule);
        targets.stream().map(TargetSpec::of)
                .filter(spec -> scheduled.get(spec.id()) == null || !spec.equals(scheduled.get(spec.id()).spec))
                .filter(spec -> scheduled.get(spec.id()) == null
                        || !scheduled.get(spec.id()).spec.updatedAt().isAfter(spec.updatedAt()))
                .forEach(this::schedule);
    }

    /**
     * Starts (or restarts with new settings) probing a target owned by this replica; a target owned by another
     * replica is unscheduled here (its name may have changed hands).
     */
    public synchronized void schedule(TargetSpec spec) {
        if (!sharding.owns(spec.name())) {
            unschedule(spec.id());
            return;
        }
        Slot previous = scheduled.remove(spec.id());
        if (previous != null) {
            cancel(previous);
            evmProber.evict(previous.spec);
            if (!previous.spec.name().equals(spec.name()) || !previous.spec.service().equals(spec.service())) {
                recorder.forget(spec.id()); // a new identity starts from UNKNOWN (TargetService.update reset the row)
            }
        }
        Slot slot = new Slot(spec, loopFor(spec.id()));
        slot.dueNanos = System.nanoTime() + ThreadLocalRandom.current().nextLong(Math.max(1, slot.periodNanos));
        scheduled.put(spec.id(), slot);
        metrics.track(spec);
        arm(slot);
        LOG.debugf("scheduled target %s (%s) every %ss", Long.valueOf(spec.id()), spec.name(),
                Integer.valueOf(spec.intervalSeconds()));
    }

    /** Stops probing a target. */
    public synchronized void unschedule(long id) {
        Slot previous = scheduled.remove(id);
        if (previous != null) {
            cancel(previous);
            evmProber.evict(previous.spec);
            metrics.untrack(id);
            recorder.forget(id);
        }
    }

    /**
     * The event loop a target's timer and probes run on: targets are spread over all event loops by id (a timer
     * set from an event loop would otherwise fire on that one loop: a reconcile run would put every target on it,
     * one core for all probes).
     */
    private ContextInternal loopFor(long targetId) {
        ContextInternal[] all = loops;
        if (all == null) {
            VertxInternal internal = (VertxInternal) vertx;
            int n = 0;
            for (var ignored : internal.getEventLoopGroup()) {
                n++;
            }
            all = new ContextInternal[Math.max(1, n)];
            for (int i = 0; i < all.length; i++) {
                all[i] = internal.createEventLoopContext(); // round-robin over the event-loop group
            }
            loops = all;
        }
        return all[(int) Math.floorMod(targetId, (long) all.length)];
    }

    private void cancel(Slot slot) {
        slot.cancelled = true;
        if (slot.timerId >= 0) {
            vertx.cancelTimer(slot.timerId);
        }
    }

    private void arm(Slot slot) {
        long delayMs = Math.max(1, TimeUnit.NANOSECONDS.toMillis(slot.dueNanos - System.nanoTime()));
        slot.timerId = slot.loop.setTimer(delayMs, id -> fire(slot));
        if (slot.cancelled) {
            vertx.cancelTimer(slot.timerId);
        }
    }

    /** A slot fell due (on an event loop): plan the next one, then probe unless bounded. */
    private void fire(Slot slot) {
        if (slot.cancelled) {
            return;
        }
        long now = System.nanoTime();
        long due = slot.dueNanos;
        metrics.scheduleLag(java.time.Duration.ofNanos(now - due));
        long next = due + slot.periodNanos;
        if (next <= now) {
            long missed = (now - due) / slot.periodNanos;
            for (long i = 0; i < missed; i++) {
                metrics.skipped("overrun");
            }
            next = due + (missed + 1) * slot.periodNanos;
        }
        slot.dueNanos = next;
        arm(slot);
        if (!slot.running.compareAndSet(false, true)) {
            metrics.skipped("in_flight");
            return;
        }
        if (metrics.inFlight().incrementAndGet() > maxConcurrent) {
            metrics.inFlight().decrementAndGet();
            slot.running.set(false);
            metrics.skipped("capacity");
            return;
        }
        // on the slot's event loop already: run the probe now on a fresh duplicated context (no task hop)
        ContextInternal context = (ContextInternal) VertxContext.createNewDuplicatedContext(slot.loop);
        VertxContextSafetyToggle.setContextSafe(context, true);
        context.dispatch(ignored -> probeOnce(slot.spec)
                .eventually(() -> {
                    metrics.inFlight().decrementAndGet();
                    slot.running.set(false);
                })
                .subscribe().with(done -> {
                }, e -> LOG.errorf(e, "probe of target %d failed", slot.spec.id())));
    }

    /**
     * Probes once and records the result; a new signal is relayed at once (a concurrent scheduled relay run is
     * harmless: rows are locked and re-checked). Never fails: a failure to record or relay is logged. Must run on
     * a duplicated Vert.x context.
     */
    Uni<Void> probeOnce(TargetSpec spec) {
        Context context = Vertx.currentContext();
        return probers.get(spec.kind()).probe(spec)
                // back on this probe's context for the recorder (Hibernate Reactive); inline when already there
                .emitOn(command -> {
                    // the thread matters, not only the context: a Mutiny timeout (ifNoItem) emits on a worker thread
                    // that context propagation may have given this same context (a slowly dripping node showed it)
                    if (Vertx.currentContext() == context && Context.isOnEventLoopThread()) {
                        command.run();
                    } else {
                        context.runOnContext(ignored -> command.run());
                    }
                })
                .invoke(result -> metrics.record(spec, result))
                .chain(result -> recorder.record(spec, result))
                // a new signal is committed: deliver it now rather than at the next relay run
                .chain(signalWritten -> signalWritten ? relay.relay() : Uni.createFrom().voidItem())
                .onFailure().invoke(e -> LOG.errorf(e, "recording a probe of target %d failed", spec.id()))
                .onFailure().recoverWithNull();
    }
}
