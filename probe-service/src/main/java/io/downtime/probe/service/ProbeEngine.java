package io.downtime.probe.service;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;

import org.jboss.logging.Logger;

import io.downtime.probe.domain.Target;
import io.downtime.probe.domain.TargetKind;
import io.downtime.probe.probe.EvmNodeProber;
import io.downtime.probe.probe.Prober;
import io.downtime.probe.probe.TargetSpec;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.scheduler.Scheduler;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

/**
 * Probes every target every {@code intervalSeconds}, one Quarkus scheduler job per target (first run after a
 * random delay within the interval, so targets spread out; a run still in flight makes the next one skip).
 * Probers are non-blocking; the result is recorded back on the job's Vert.x context.
 *
 * <p>
 * The job set follows the target table: REST changes apply at once, and a reconcile run every
 * {@code downtime.probe.reconcile-interval} (default 10 s, also at start-up) picks up everything else. With
 * several replicas in a region each schedules only the targets {@link Sharding} gives it.
 */
@ApplicationScoped
public class ProbeEngine {

    private static final Logger LOG = Logger.getLogger(ProbeEngine.class);

    private final Scheduler scheduler;
    private final ProbeRecorder recorder;
    private final OutboxRelay relay;
    private final Sharding sharding;
    private final Map<TargetKind, Prober> probers;
    private final EvmNodeProber evmProber;
    private final Map<Long, TargetSpec> scheduled = new ConcurrentHashMap<>();

    public ProbeEngine(Scheduler scheduler, ProbeRecorder recorder, OutboxRelay relay, Instance<Prober> probers,
            EvmNodeProber evmProber, Sharding sharding) {
        this.scheduler = scheduler;
        this.sharding = sharding;
        this.recorder = recorder;
        this.relay = relay;
        this.probers = probers.stream().collect(Collectors.toMap(Prober::kind, Function.identity()));
        this.evmProber = evmProber;
    }

    /** Brings the job set in line with the target table. */
    @Scheduled(every = "${downtime.probe.reconcile-interval:10s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> reconcile() {
        Instant snapshotAt = Instant.now();
        return Panache.withSession(() -> Target.<Target> listAll()).invoke(targets -> reconcile(targets, snapshotAt))
                .replaceWithVoid();
    }

    /**
     * Applies a snapshot of the target table taken at {@code snapshotAt}; jobs that REST changes scheduled after
     * the snapshot are newer than it and kept as they are.
     */
    synchronized void reconcile(List<Target> all, Instant snapshotAt) {
        List<Target> targets = all.stream().filter(t -> sharding.owns(t.name)).toList();
        Set<Long> present = targets.stream().map(t -> t.id).collect(Collectors.toSet());
        scheduled.values().stream()
                .filter(spec -> !present.contains(spec.id()) && spec.updatedAt().isBefore(snapshotAt))
                .map(TargetSpec::id).toList().forEach(this::unschedule);
        targets.stream().map(TargetSpec::of)
                .filter(spec -> !spec.equals(scheduled.get(spec.id())))
                .filter(spec -> scheduled.get(spec.id()) == null
                        || !scheduled.get(spec.id()).updatedAt().isAfter(spec.updatedAt()))
                .forEach(this::schedule);
    }

    /**
     * Starts (or restarts with new settings) the probe job of a target owned by this replica; a target owned by
     * another replica is unscheduled here (its name may have changed hands).
     */
    public synchronized void schedule(TargetSpec spec) {
        if (!sharding.owns(spec.name())) {
            unschedule(spec.id());
            return;
        }
        TargetSpec previous = scheduled.put(spec.id(), spec);
        if (previous != null) {
            scheduler.unscheduleJob(jobId(spec.id()));
            evmProber.evict(previous);
        }
        long jitterMs = ThreadLocalRandom.current().nextLong(Math.max(1, spec.intervalSeconds() * 1000L));
        scheduler.newJob(jobId(spec.id()))
                .setInterval(spec.intervalSeconds() + "s")
                .setDelayed(Duration.ofMillis(jitterMs).toString())
                .setConcurrentExecution(Scheduled.ConcurrentExecution.SKIP)
                .setAsyncTask(execution -> probeOnce(spec))
                .schedule();
        LOG.debugf("scheduled target %s (%s) every %ss", Long.valueOf(spec.id()), spec.name(),
                Integer.valueOf(spec.intervalSeconds()));
    }

    /** Stops probing a target. */
    public synchronized void unschedule(long id) {
        TargetSpec previous = scheduled.remove(id);
        if (previous != null) {
            scheduler.unscheduleJob(jobId(id));
            evmProber.evict(previous);
        }
    }

    /**
     * Probes once and records the result; a new signal is relayed at once (a concurrent scheduled relay run is
     * harmless: rows are locked and re-checked). Never fails: a failure to record or relay is logged.
     */
    Uni<Void> probeOnce(TargetSpec spec) {
        Context context = Vertx.currentContext();
        return probers.get(spec.kind()).probe(spec)
                .emitOn(command -> context.runOnContext(ignored -> command.run()))
                .chain(result -> recorder.record(spec, result))
                // a new signal is committed: deliver it now rather than at the next relay run
                .chain(signalWritten -> signalWritten ? relay.relay() : Uni.createFrom().voidItem())
                .onFailure().invoke(e -> LOG.errorf(e, "recording a probe of target %d failed", spec.id()))
                .onFailure().recoverWithNull();
    }

    private static String jobId(long id) {
        return "probe-target-" + id;
    }
}
