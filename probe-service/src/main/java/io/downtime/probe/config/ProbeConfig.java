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
    }
}
