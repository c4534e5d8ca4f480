package io.downtime.probe.probe;

import io.downtime.probe.domain.TargetKind;
import io.smallrye.mutiny.Uni;

/**
 * One kind of probe. Implementations never block the calling (event-loop) thread and never fail the
 * {@code Uni}: every failure becomes a {@code DOWN} {@link ProbeResult} with a reason.
 */
public interface Prober {

    /** The kind this prober handles. */
    TargetKind kind();

    /** Probes {@code target} once, giving up after {@link TargetSpec#timeoutMs()}. */
    Uni<ProbeResult> probe(TargetSpec target);
}
