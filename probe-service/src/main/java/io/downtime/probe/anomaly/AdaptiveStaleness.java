package io.downtime.probe.anomaly;

/**
 * The head-age limit of a chain learnt from its own block intervals: {@code factor × median(recent intervals)},
 * clamped to {@code [floor, ceiling]} seconds — so a 1 s chain is declared stale within seconds and a 12 s chain
 * within about a minute (factor 5) with no hand-set threshold. The median (not the mean) keeps one slow block from
 * widening the limit. Before any interval is known the limit is the ceiling. Thread-safe; pure (no clock).
 *
 * <p>
 * Samples come from two heads of the same chain seen at different probes: {@code (t2 − t1) / (n2 − n1)} seconds
 * per block for block numbers {@code n1 < n2} with timestamps {@code t1, t2}.
 */
public final class AdaptiveStaleness {

    private final RollingWindow intervals;
    private final double factor;
    private final double floorSeconds;
    private final double ceilingSeconds;
    private long lastNumber = -1;
    private long lastTimestamp;

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
     * Records a head seen on the chain.
     *
     * @param number block number
     * @param timestampSeconds the block's timestamp, epoch seconds
     */
    public synchronized void observe(long number, long timestampSeconds) {
        if (lastNumber >= 0 && number > lastNumber && timestampSeconds >= lastTimestamp) {
            intervals.add((double) (timestampSeconds - lastTimestamp) / (number - lastNumber));
        }
        if (number > lastNumber || lastNumber < 0) {
            lastNumber = number;
            lastTimestamp = timestampSeconds;
        }
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
