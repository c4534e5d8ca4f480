package io.downtime.probe.anomaly;

import java.util.Arrays;

/** A fixed-size window of the most recent samples with median and median absolute deviation. Not thread-safe. */
final class RollingWindow {

    private final double[] samples;
    private int size;
    private int next;

    RollingWindow(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1");
        }
        this.samples = new double[capacity];
    }

    void add(double sample) {
        samples[next] = sample;
        next = (next + 1) % samples.length;
        size = Math.min(size + 1, samples.length);
    }

    int size() {
        return size;
    }

    /** The median of the samples; NaN when empty. */
    double median() {
        return size == 0 ? Double.NaN : median(Arrays.copyOf(samples, size));
    }

    /** The median absolute deviation from the median; NaN when empty. */
    double mad() {
        if (size == 0) {
            return Double.NaN;
        }
        double m = median();
        double[] deviations = new double[size];
        for (int i = 0; i < size; i++) {
            deviations[i] = Math.abs(samples[i] - m);
        }
        return median(deviations);
    }

    private static double median(double[] values) {
        Arrays.sort(values);
        int n = values.length;
        return n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2.0;
    }
}
