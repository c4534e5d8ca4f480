package io.downtime.probe.anomaly;

/**
 * Notices a head number going backwards between probes of one target (e.g. a stale node behind a load balancer):
 * the head is regressed while it is below the highest head of the last {@code window} probes, so a node that keeps
 * flipping stays flagged, and one that really restarted from a lower chain is accepted after {@code window} probes.
 * Thread-safe; pure.
 */
public final class HeadRegression {

    private final long[] recent;
    private int size;
    private int next;

    /** @param window how many recent probes' heads are remembered (at least 1) */
    public HeadRegression(int window) {
        this.recent = new long[Math.max(1, window)];
    }

    /**
     * Records a head number.
     *
     * @return the highest recent head when {@code number} is below it (the regression), else -1
     */
    public synchronized long observe(long number) {
        long highest = -1;
        for (int i = 0; i < size; i++) {
            highest = Math.max(highest, recent[i]);
        }
        recent[next] = number;
        next = (next + 1) % recent.length;
        size = Math.min(size + 1, recent.length);
        return number < highest ? highest : -1;
    }
}
