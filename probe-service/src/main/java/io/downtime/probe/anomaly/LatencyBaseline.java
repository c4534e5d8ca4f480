package io.downtime.probe.anomaly;

/**
 * A robust latency baseline of one target, for early anomaly detection: the recent latencies' median and median
 * absolute deviation (MAD, scaled by 1.4826 to estimate a standard deviation under normal noise — Rousseeuw &amp;
 * Croux 1993) against an exponentially weighted moving average (EWMA) of the latest latencies, so one slow packet
 * does not trigger and a sustained rise does.
 *
 * <p>
 * Anomalous when, after {@code warmup} samples, {@code ewma > median + z × max(1.4826 × MAD, minSpreadMs)} and
 * {@code ewma − median ≥ minDeltaMs}. Every sample joins the baseline (a lasting new level becomes normal after
 * about a window). Thread-safe; pure (no clock).
 */
public final class LatencyBaseline {

    /** Scale of the MAD to a standard deviation for normally distributed noise. */
    static final double MAD_SCALE = 1.4826;

    private final RollingWindow window;
    private final double alpha;
    private final double z;
    private final int warmup;
    private final double minSpreadMs;
    private final double minDeltaMs;
    private double ewma = Double.NaN;

    /**
     * @param window samples in the baseline
     * @param alpha EWMA weight of the newest sample, in (0, 1]
     * @param z how many robust standard deviations above the median is anomalous
     * @param warmup samples needed before anything is called anomalous
     * @param minSpreadMs smallest spread used (milliseconds), so a perfectly flat baseline does not flag jitter
     * @param minDeltaMs smallest rise above the median (milliseconds) that may be anomalous
     */
    public LatencyBaseline(int window, double alpha, double z, int warmup, double minSpreadMs, double minDeltaMs) {
        if (alpha <= 0 || alpha > 1) {
            throw new IllegalArgumentException("alpha must be in (0, 1]");
        }
        this.window = new RollingWindow(window);
        this.alpha = alpha;
        this.z = z;
        this.warmup = warmup;
        this.minSpreadMs = minSpreadMs;
        this.minDeltaMs = minDeltaMs;
    }

    /** The verdict on one sample: the smoothed latency and the baseline it was judged against (milliseconds). */
    public record Verdict(boolean anomalous, double ewmaMs, double medianMs, double thresholdMs) {
    }

    /** Adds one latency (milliseconds) and judges the smoothed latency against the baseline before it. */
    public synchronized Verdict observe(double latencyMs) {
        ewma = Double.isNaN(ewma) ? latencyMs : alpha * latencyMs + (1 - alpha) * ewma;
        double median = window.median();
        double threshold = Double.NaN;
        boolean anomalous = false;
        if (window.size() >= warmup && !Double.isNaN(median)) {
            double spread = Math.max(MAD_SCALE * window.mad(), minSpreadMs);
            threshold = Math.max(median + z * spread, median + minDeltaMs);
            anomalous = ewma > threshold;
        }
        window.add(latencyMs);
        return new Verdict(anomalous, ewma, median, threshold);
    }
}
