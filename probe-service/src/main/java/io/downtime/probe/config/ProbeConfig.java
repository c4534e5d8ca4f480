package io.downtime.probe.config;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Configuration of probe-service under the {@code downtime} prefix. */
@ConfigMapping(prefix = "downtime")
public interface ProbeConfig {

    /** Name of the region this probe-service observes from (e.g. {@code us-east-1}); stamped on every signal. */
    @WithDefault("local")
    String region();

    /** Probe scheduling. */
    Probe probe();

    /** Delivery of signals from the outbox to incident-service. */
    Outbox outbox();

    /** Probe scheduling. */
    interface Probe {

        /**
         * How often (read by {@code ProbeEngine}'s {@code @Scheduled}) the schedule is reconciled with the target table (picks
         * up targets written by other
         * replicas or by hand); REST changes are applied at once.
         */
        @WithDefault("10s")
        Duration reconcileInterval();

        /**
         * SSRF guard: target URLs whose host is a literal address inside one of these CIDR ranges, or one of
         * {@link #denyHosts()}, are rejected with 422. Default: IPv4/IPv6 link-local (cloud metadata at
         * 169.254.169.254 lives there).
         */
        @WithDefault("169.254.0.0/16,fe80::/10")
        List<String> denyCidrs();

        /** SSRF guard: host names that are never probed (cloud metadata endpoints). */
        @WithDefault("metadata.google.internal,metadata.goog,metadata")
        List<String> denyHosts();

        /** How the targets of this region are split among probe-service replicas (see {@code Sharding}). */
        Shard shard();

        /**
         * Global concurrency bound: most probes in flight at once in this instance. A probe that falls due while the
         * bound is reached is skipped (counted in {@code probe_skipped_total{reason="capacity"}}) and the target is
         * probed at its next slot — never queued without bound.
         */
        @WithDefault("1024")
        int maxConcurrent();

        /** evm-node probing. */
        Evm evm();

        /** Heartbeats to incident-service ({@code POST /api/v1/heartbeats}, docs/CONTRACTS.md). */
        Heartbeat heartbeat();
    }

    /** Heartbeats: this instance tells incident-service it is alive and which chain heads it sees. */
    interface Heartbeat {

        /**
         * Seconds between two heartbeats (also sent as {@code intervalSeconds}; incident-service counts a region dead
         * after about three missed ones). Read as {@code downtime.probe.heartbeat.interval} by the scheduler.
         */
        @WithDefault("5s")
        Duration interval();

        /** Whether heartbeats are sent at all. */
        @WithDefault("true")
        boolean enabled();

        /** This instance's name in heartbeats; when absent {@code HOSTNAME}, else {@code probe-service}. */
        Optional<String> instance();
    }

    /** evm-node probing: transport, adaptive staleness, latency anomalies, cross-target head view. */
    interface Evm {

        /** Most pooled HTTP connections of the JSON-RPC client (all hosts together and per host). */
        @WithDefault("64")
        int maxConnections();

        /**
         * Largest JSON-RPC answer read, in bytes (default 1 MiB: a batch of head, finality, gas and peer calls is a few
         * KiB). A node answering more is DOWN {@code response_too_large}; the connection is closed at the limit, so a
         * hostile or broken node cannot make the prober read (or hold) more (OWASP API10).
         */
        @WithDefault("1048576")
        int maxResponseBytes();

        /**
         * Adaptive staleness (used when a target sets no {@code maxHeadAgeSeconds}): head-age limit = this factor ×
         * the median recent block interval of the chain id.
         */
        @WithDefault("5")
        double staleFactor();

        /** Adaptive staleness: smallest limit. */
        @WithDefault("3s")
        Duration staleFloor();

        /** Adaptive staleness: largest limit, also the limit while no block interval is known yet. */
        @WithDefault("300s")
        Duration staleCeiling();

        /** Adaptive staleness: how many recent block intervals the median is taken over. */
        @WithDefault("32")
        int intervalWindow();

        /**
         * How long a target's head stays in the chain view (best head for block lag, {@code chain_halted}) after it
         * was seen; also the age after which heads from other regions' heartbeats are dropped.
         */
        @WithDefault("60s")
        Duration headTtl();

        /** head_regressed: a head below the highest of this many recent probes of the target is regressed. */
        @WithDefault("5")
        int regressionWindow();

        /** Latency anomalies: baseline window (probes). */
        @WithDefault("64")
        int latencyWindow();

        /** Latency anomalies: EWMA weight of the newest latency, in (0, 1]. */
        @WithDefault("0.3")
        double latencyAlpha();

        /** Latency anomalies: robust standard deviations (1.4826 × MAD) above the median that are anomalous. */
        @WithDefault("4")
        double latencyZ();

        /** Latency anomalies: probes before anything is judged. */
        @WithDefault("20")
        int latencyWarmup();

        /** Latency anomalies: smallest spread in milliseconds (a flat baseline does not flag jitter). */
        @WithDefault("5")
        double latencyMinSpreadMs();

        /** Latency anomalies: smallest rise above the median in milliseconds that may be anomalous. */
        @WithDefault("100")
        double latencyMinDeltaMs();
    }

    /** Probe sharding among the replicas of one region's StatefulSet. */
    interface Shard {

        /** Number of replicas sharing the targets (the StatefulSet's replicas). */
        @WithDefault("1")
        int count();

        /** This replica's 0-based ordinal; when absent, the trailing {@code -N} of {@code HOSTNAME}, else 0. */
        Optional<Integer> ordinal();
    }

    /** Delivery of signals from the outbox to incident-service. */
    interface Outbox {

        /**
         * How often pending signals are relayed (read by {@code OutboxRelay}'s {@code @Scheduled}); a new signal is
         * also relayed right after it is written.
         */
        @WithDefault("1s")
        Duration pollInterval();

        /** Most signals sent per relay run; the rest wait for the next run. */
        @WithDefault("100")
        int batchSize();

        /** First retry delay after a failed delivery; doubles per attempt up to {@link #maxBackoff()}. */
        @WithDefault("PT0.5S")
        Duration initialBackoff();

        /** Longest delay between two delivery attempts of one signal. */
        @WithDefault("PT30S")
        Duration maxBackoff();

        /**
         * Longest pause of the whole relay while incident-service is unreachable (connection refused, timeout): the
         * relay then tries the oldest due signal again after a pause doubling from {@link #initialBackoff()} up to
         * this, and sends everything as soon as one delivery succeeds — signals never wait out a per-signal back-off
         * that grew during an outage of incident-service.
         */
        @WithDefault("PT5S")
        Duration unreachableMaxBackoff();
    }
}
