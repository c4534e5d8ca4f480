package io.downtime.probe.service;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.CRC32C;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.downtime.probe.config.ProbeConfig;

/**
 * Splits the targets of one region among the replicas of a probe-service StatefulSet: each target is probed by
 * exactly one replica. The owner of a target is {@code jumpHash(crc32c(name), count)} — Jump Consistent Hash
 * (Lamping and Veach, "A Fast, Minimal Memory, Consistent Hash Algorithm", 2014), so scaling from n to n+1
 * replicas moves only about 1/(n+1) of the targets. The target name is hashed because it is the target's key
 * across regions and stable for its life.
 *
 * <p>
 * Configuration: {@code downtime.probe.shard.count} (replicas, default 1) and {@code downtime.probe.shard.ordinal}
 * (this replica, 0-based); when the ordinal is not set it is read from the StatefulSet pod name in
 * {@code HOSTNAME} ({@code probe-service-2} → 2), else 0.
 */
@ApplicationScoped
public class Sharding {

    private static final Pattern ORDINAL_SUFFIX = Pattern.compile(".*-(\\d+)$");

    private final int count;
    private final int ordinal;

    @Inject
    public Sharding(ProbeConfig config) {
        this(config.probe().shard().count(),
                config.probe().shard().ordinal().orElseGet(() -> ordinalFromHostname(System.getenv("HOSTNAME"))));
    }

    /**
     * @throws IllegalArgumentException when {@code count < 1} or {@code ordinal} is outside {@code [0, count)}
     */
    public Sharding(int count, int ordinal) {
        if (count < 1 || ordinal < 0 || ordinal >= count) {
            throw new IllegalArgumentException(
                    "downtime.probe.shard: ordinal " + ordinal + " is not in [0, " + count + ")");
        }
        this.count = count;
        this.ordinal = ordinal;
    }

    /** {@code true} when this replica probes the target named {@code targetName}. */
    public boolean owns(String targetName) {
        return owner(targetName, count) == ordinal;
    }

    public int count() {
        return count;
    }

    public int ordinal() {
        return ordinal;
    }

    /** The replica ordinal in {@code [0, count)} that probes {@code targetName}. */
    public static int owner(String targetName, int count) {
        CRC32C crc = new CRC32C();
        crc.update(targetName.getBytes(StandardCharsets.UTF_8));
        // spread the 32-bit checksum over 64 bits before jumping (splitmix64 finalizer)
        long key = crc.getValue() * 0x9E3779B97F4A7C15L;
        key ^= key >>> 31;
        return jumpHash(key, count);
    }

    /** Jump Consistent Hash, as published (Lamping and Veach 2014, figure 1). */
    static int jumpHash(long key, int buckets) {
        long b = -1;
        long j = 0;
        while (j < buckets) {
            b = j;
            key = key * 2862933555777941757L + 1;
            j = (long) ((b + 1) * ((double) (1L << 31) / (double) ((key >>> 33) + 1)));
        }
        return (int) b;
    }

    /** The trailing {@code -N} of a StatefulSet pod name, else 0. */
    static int ordinalFromHostname(String hostname) {
        Matcher m = ORDINAL_SUFFIX.matcher(Optional.ofNullable(hostname).orElse(""));
        return m.matches() ? Integer.parseInt(m.group(1)) : 0;
    }
}
