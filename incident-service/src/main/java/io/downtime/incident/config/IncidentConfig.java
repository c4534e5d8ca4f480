package io.downtime.incident.config;

import java.time.Duration;
import java.util.Optional;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;

import org.hibernate.validator.constraints.time.DurationMin;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Incident semantics, under {@code downtime.incident.*}. */
@ConfigMapping(prefix = "downtime.incident")
public interface IncidentConfig {

    /**
     * Share of the reporting regions of a target whose DOWN reports must be strictly exceeded for the target to be
     * globally DOWN, in {@code [0, 1)}. {@code 0.5} (default) is a strict majority: 1 of 1, 2 of 3, not 1 of 2.
     */
    @WithDefault("0.5")
    @DecimalMin("0.0")
    @DecimalMax(value = "1.0", inclusive = false)
    double quorum();

    /** Actor recorded on manual transitions whose request names none. */
    @WithDefault("api")
    @NotBlank
    String defaultActor();

    /** Actor recorded on automatic transitions (outage opened, moved, ended). */
    @WithDefault("system")
    @NotBlank
    String systemActor();

    /** Default and maximum number of incidents returned by {@code GET /api/v1/incidents}. */
    @WithDefault("200")
    @Min(1)
    @Max(10000)
    int maxListSize();

    /**
     * How far ahead of the server clock a signal's {@code confirmedAt} may be (the regions' clocks drift apart): a
     * signal confirmed later than now plus this skew is rejected with 422, so that a region with a broken clock cannot
     * write outages into the future. Default 5 minutes; not negative.
     */
    @WithDefault("5m")
    @DurationMin
    Duration allowedClockSkew();

    /**
     * Fixed heartbeat timeout: a region is alive while one of its probe-service instances heartbeated
     * ({@code POST /api/v1/heartbeats}) less than this long ago (server time of reception). When unset (default), the
     * timeout of each heartbeat is 3 × its {@code intervalSeconds}, at least {@link #heartbeatMinTimeout()} (the
     * agreed heartbeat contract).
     */
    Optional<@DurationMin(seconds = 1) Duration> heartbeatTimeout();

    /** Lower bound of the per-heartbeat timeout (3 × interval) when {@link #heartbeatTimeout()} is unset; default 15 s. */
    @WithDefault("15s")
    @DurationMin(seconds = 1)
    Duration heartbeatMinTimeout();

    /**
     * How often each replica checks whether a region's heartbeat timed out (or came back) and re-evaluates the services
     * that region reports on; also refreshes the {@code incidents_open} gauges. Default 5 s.
     */
    @WithDefault("5s")
    Duration heartbeatCheckInterval();

    /** Group commit of signal intake ({@code POST /api/v1/signals}). */
    SignalBatch signalBatch();

    /**
     * Signals that arrive while earlier ones are being stored wait and are then stored together: one transaction, a
     * few statements per batch instead of a dozen per signal. Each signal is still applied and evaluated in arrival
     * order, exactly as if alone; a batch that fails is retried one signal per transaction.
     */
    interface SignalBatch {

        /** Most signals in one transaction; {@code 1} stores each signal alone. Default 256. */
        @WithDefault("256")
        @Min(1)
        @Max(4096)
        int maxSize();

        /**
         * Lanes, i.e. batches in flight at once in this replica (each holds one database connection, and a lane's
         * Hibernate rest a second one while it runs). A signal goes to the lane of its service's name, so concurrent
         * batches lock disjoint services. Default 1: under the issue 7 flapping benchmark (5,000 signals/s, 2 cores,
         * {@code scripts/bench/signals-wrk.sh}) one lane's p99 was 27–50 ms (median of 4 runs 38 ms), two lanes'
         * 43–52 ms (median of 6 runs 47 ms), three lanes' 57 ms: fewer, larger batches (32 signals per transaction
         * against 15 with three lanes) cost less CPU per signal on a CPU-bound machine. (When a lane still waited for
         * its rest, before signals were stored pending, two lanes were ahead: 1,902 against 1,744 signals/s.)
         */
        @WithDefault("1")
        @Min(1)
        @Max(64)
        int maxConcurrent();

        /**
         * How often each replica looks for signals stored pending (acknowledged, to be applied after their service's
         * outage change) that no replica applied: their replica stopped, or applying them failed. Default 5 s.
         */
        @WithDefault("5s")
        Duration pendingSweepInterval();

        /**
         * How long a signal must have been pending before the sweep applies it: far longer than a replica takes to
         * apply its own (a rest took 32 ms on average and at most 0.7 s at 5,000 signals/s, issue 7 benchmark), so
         * the sweep only picks up what was left. Should it meet a slow rest, both lock the services first and apply
         * only what is still pending, so each signal is applied once. Default 10 s.
         */
        @WithDefault("10s")
        @DurationMin(seconds = 1)
        Duration pendingSweepAge();
    }
}
