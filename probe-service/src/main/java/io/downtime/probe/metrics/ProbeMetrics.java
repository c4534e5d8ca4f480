package io.downtime.probe.metrics;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.ToDoubleFunction;

import jakarta.enterprise.context.ApplicationScoped;

import io.downtime.probe.config.ProbeConfig;
import io.downtime.probe.domain.ProbeState;
import io.downtime.probe.domain.TargetKind;
import io.downtime.probe.probe.ProbeResult;
import io.downtime.probe.probe.TargetSpec;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;

/**
 * Prometheus metrics of the probe engine (names follow Prometheus conventions and blackbox_exporter's where they
 * overlap). Per target, labelled {@code target}, {@code service}, {@code kind}, {@code region}:
 * <ul>
 * <li>{@code probe_success} — 1 when the last probe was UP or DEGRADED (the target answered), 0 when DOWN;</li>
 * <li>{@code probe_duration_seconds} — wall time of the last probe;</li>
 * <li>{@code evm_head_age_seconds}, {@code evm_block_lag_blocks}, {@code evm_finality_lag_blocks} — evm-node
 * targets only, from the last probe that read them (NaN before).</li>
 * </ul>
 * Per region: {@code probe_schedule_lag_seconds} (histogram: actual start − planned start of a probe),
 * {@code probe_skipped_total{reason}} ({@code capacity}: global concurrency bound reached; {@code in_flight}: the
 * target's previous probe still running; {@code overrun}: a slot more than an interval late was dropped),
 * {@code probe_in_flight}, {@code probe_targets_scheduled}.
 */
@ApplicationScoped
public class ProbeMetrics {

    /** Schedule lag histogram buckets (seconds). */
    private static final Duration[] LAG_BUCKETS = { Duration.ofMillis(1), Duration.ofMillis(2), Duration.ofMillis(5),
            Duration.ofMillis(10), Duration.ofMillis(20), Duration.ofMillis(50), Duration.ofMillis(75),
            Duration.ofMillis(100), Duration.ofMillis(150), Duration.ofMillis(250), Duration.ofMillis(500),
            Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(5) };

    private final MeterRegistry registry;
    private final String region;
    private final Timer scheduleLag;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger scheduled = new AtomicInteger();
    private final Map<String, Counter> skipped = new ConcurrentHashMap<>();
    private final ConcurrentMap<Long, TargetGauges> targets = new ConcurrentHashMap<>();

    public ProbeMetrics(MeterRegistry registry, ProbeConfig config) {
        this.registry = registry;
        this.region = config.region();
        this.scheduleLag = Timer.builder("probe.schedule.lag")
                .description("Delay between a probe's planned and actual start")
                .tag("region", region).serviceLevelObjectives(LAG_BUCKETS)
                .minimumExpectedValue(Duration.ofMillis(1)).maximumExpectedValue(Duration.ofSeconds(5))
                .register(registry);
        Gauge.builder("probe.in.flight", inFlight, AtomicInteger::get).description("Probes running now")
                .tag("region", region).register(registry);
        Gauge.builder("probe.targets.scheduled", scheduled, AtomicInteger::get)
                .description("Targets this instance probes").tag("region", region).register(registry);
    }

    /** The in-flight probe counter the engine bounds (see {@code downtime.probe.max-concurrent}). */
    public AtomicInteger inFlight() {
        return inFlight;
    }

    public void scheduleLag(Duration lag) {
        scheduleLag.record(lag.isNegative() ? Duration.ZERO : lag);
    }

    /** Counts a probe slot that was not run, by reason ({@code capacity}, {@code in_flight}, {@code overrun}). */
    public void skipped(String reason) {
        skipped.computeIfAbsent(reason, r -> Counter.builder("probe.skipped")
                .description("Probe slots not run").tags("region", region, "reason", r).register(registry))
                .increment();
    }

    /** Registers the per-target gauges (again, if the target's labels changed). */
    public void track(TargetSpec spec) {
        TargetGauges previous = targets.remove(spec.id());
        if (previous != null) {
            previous.meters.forEach(registry::remove);
        } else {
            scheduled.incrementAndGet();
        }
        TargetGauges g = new TargetGauges();
        Tags tags = Tags.of("target", spec.name(), "service", spec.service(), "kind", spec.kind().wireName(),
                "region", region);
        g.meters.add(gauge("probe.success", "1 when the last probe was UP or DEGRADED, 0 when DOWN", tags, g,
                x -> x.success));
        g.meters.add(gauge("probe.duration.seconds", "Duration of the last probe", tags, g, x -> x.duration));
        if (spec.kind() == TargetKind.EVM_NODE) {
            g.meters.add(gauge("evm.head.age.seconds", "Seconds since the latest block's timestamp", tags, g,
                    x -> x.headAge));
            g.meters.add(gauge("evm.block.lag.blocks", "Blocks behind the best head seen for the chain id", tags, g,
                    x -> x.blockLag));
            g.meters.add(gauge("evm.finality.lag.blocks", "latest - finalized block number", tags, g,
                    x -> x.finalityLag));
        }
        targets.put(spec.id(), g);
    }

    /** Removes a target's gauges. */
    public void untrack(long targetId) {
        TargetGauges g = targets.remove(targetId);
        if (g != null) {
            g.meters.forEach(registry::remove);
            scheduled.decrementAndGet();
        }
    }

    /** Updates a target's gauges from a probe result. */
    public void record(TargetSpec spec, ProbeResult result) {
        TargetGauges g = targets.get(spec.id());
        if (g == null) {
            return;
        }
        g.success = result.state() == ProbeState.DOWN ? 0 : 1;
        g.duration = result.latencyMs() / 1000.0;
        Map<String, Object> e = result.evidence();
        g.headAge = number(e.get("headAgeSeconds"), g.headAge);
        g.blockLag = number(e.get("blockLag"), g.blockLag);
        g.finalityLag = number(e.get("finalityLagBlocks"), g.finalityLag);
    }

    private static double number(Object value, double otherwise) {
        return value instanceof Number n ? n.doubleValue() : otherwise;
    }

    private Meter gauge(String name, String help, Tags tags, TargetGauges g, ToDoubleFunction<TargetGauges> f) {
        return Gauge.builder(name, g, f).description(help).tags(tags).strongReference(true).register(registry);
    }

    private static final class TargetGauges {
        final List<Meter> meters = new ArrayList<>(5);
        volatile double success = Double.NaN;
        volatile double duration = Double.NaN;
        volatile double headAge = Double.NaN;
        volatile double blockLag = Double.NaN;
        volatile double finalityLag = Double.NaN;
    }
}
