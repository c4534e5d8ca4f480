package io.downtime.incident.service;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.downtime.incident.config.IncidentConfig;
import io.downtime.incident.domain.Signal;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;

/**
 * Applies signals left pending: stored and acknowledged by a replica that stopped before applying them, or whose
 * rest failed (see {@link SignalService}). Every {@code downtime.incident.signal-batch.pending-sweep-interval}
 * (default 5 s), on each replica, the signals pending for longer than {@code pending-sweep-age} (default 10 s) are
 * applied oldest first, up to {@value #LIMIT} per run, through {@link SignalIngest#rest}: under their services' locks,
 * and only those still pending then, so that two replicas sweeping at once apply each signal once.
 */
@ApplicationScoped
public class PendingSignalSweep {

    private static final Logger LOG = Logger.getLogger(PendingSignalSweep.class);

    /** Most signals applied per run (one transaction). */
    static final int LIMIT = 500;

    private final SignalIngest ingest;
    private final IncidentConfig config;
    private final Clock clock;

    public PendingSignalSweep(SignalIngest ingest, IncidentConfig config, Clock clock) {
        this.ingest = ingest;
        this.config = config;
        this.clock = clock;
    }

    @Scheduled(every = "${downtime.incident.signal-batch.pending-sweep-interval}", delayed = "10s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> sweep() {
        return applyPendingBefore(Instant.now(clock).minus(config.signalBatch().pendingSweepAge()))
                .onFailure().invoke(e -> LOG.warnf("pending signal sweep failed (retried next interval): %s", e.toString()))
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }

    /**
     * Applies the signals pending since before {@code before}, oldest first, at most {@value #LIMIT}.
     *
     * @return how many of them this call settled: applied, or found older than the stored state (those another
     *         replica settled meanwhile are not counted)
     */
    public Uni<Integer> applyPendingBefore(Instant before) {
        return ingest.pendingBefore(before, LIMIT).chain((List<Signal> left) -> {
            if (left.isEmpty()) {
                return Uni.createFrom().item(0);
            }
            return ingest.rest(left).map(applied -> {
                LOG.infof("settled %d signals left pending (of %d found)", applied.size(), left.size());
                return applied.size();
            });
        });
    }
}
