package io.downtime.probe.anomaly;

/**
 * The head-age limit of a chain learnt from its own block intervals: {@code factor × median(recent intervals)},
 * clamped to {@code [floor, ceiling]} seconds — so a 1 s chain is declared stale within seconds and a 12 s chain
 * within about a minute (factor 5) with no hand-set threshold. The median (not the mean) keeps one slow block from
 * widening the limit. Before any interval is known the limit is the ceiling. Thread-safe; pure (no clock).
 *
 * <p>
 * Samples come from two heads seen by consecutive probes of the same source (target): {@code (t2 − t1) / (n2 − n1)}
 * seconds per block for block numbers {@code n1 < n2} with timestamps {@code t1, t2}; sources are kept apart so
 * nodes at different heights never pair up.
 */
public final class AdaptiveStaleness {

    private final RollingWindow intervals;
    private final double factor;
    private final double floorSeconds;
    private final double ceilingSeconds;
    /** Per source: {number, timestamp} of the last head seen. */
    private final java.util.Map<Long, long[]> last = new java.util.HashMap<>();

    /**
     * @param window how many recent intervals count (at least 1)
     * @param factor limit = factor × median interval (greater than 0)
     * @param floorSeconds smallest limit in seconds
     * @param ceilingSeconds largest limit in seconds (also the limit while no interval is known)
     */
    public AdaptiveStaleness(int window, double factor, double floorSeconds, double ceilingSeconds) {
        if (factor <= 0 || floorSeconds < 0 || ceilingSeconds < floorSeconds) {
            throw new IllegalArgumentException("need factor > 0 and 0 <= floor <= ceiling");
        }
        this.intervals = new RollingWindow(window);
        this.factor = factor;
        this.floorSeconds = floorSeconds;
        this.ceilingSeconds = ceilingSeconds;
    }

    /**
     * Records a head seen on the chain by one source.
     *
     * @param source the target that saw it
     * @param number block number
     * @param timestampSeconds the block's timestamp, epoch seconds
     */
    public synchronized void observe(long source, long number, long timestampSeconds) {
        long[] previous = last.get(source);
        if (previous != null && number > previous[0] && timestampSeconds >= previous[1]) {
            intervals.add((double) (timestampSeconds - previous[1]) / (number - previous[0]));
        }
        if (previous == null || number != previous[0]) {
            last.put(source, new long[] { number, timestampSeconds });
        }
    }

    /** Forgets a source (deleted target). */
    public synchronized void forget(long source) {
        last.remove(source);
    }

    /** The median block interval in seconds, NaN while unknown. */
    public synchronized double medianIntervalSeconds() {
        return intervals.median();
    }

    /** The current head-age limit in seconds. */
    public synchronized double limitSeconds() {
        double median = intervals.median();
        if (Double.isNaN(median)) {
            return ceilingSeconds;
        }
        return Math.max(floorSeconds, Math.min(ceilingSeconds, factor * median));
    }
}
