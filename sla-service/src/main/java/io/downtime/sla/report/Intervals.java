package io.downtime.sla.report;

import java.util.Arrays;

/**
 * A union of half-open intervals {@code [start, end)} of epoch milliseconds, kept sorted, disjoint and with
 * adjoining intervals merged, plus prefix sums of their lengths so that the measure of any range is a binary search:
 * building is O(n log n), {@link #measure} O(log n), {@link #minus} and {@link #union(Intervals)} linear (after
 * sorting). No per-second sampling anywhere.
 */
final class Intervals {

    /** The empty set. */
    static final Intervals EMPTY = new Intervals(new long[0], new long[0], 0);

    private final long[] starts;
    private final long[] ends;
    private final int size;
    /** {@code prefix[i]} = total length of intervals {@code 0 … i-1}. */
    private final long[] prefix;

    private Intervals(long[] starts, long[] ends, int size) {
        this.starts = starts;
        this.ends = ends;
        this.size = size;
        this.prefix = new long[size + 1];
        for (int i = 0; i < size; i++) {
            prefix[i + 1] = prefix[i] + (ends[i] - starts[i]);
        }
    }

    /**
     * The union of {@code [starts[i], ends[i])} for {@code i < n}; every interval must be non-empty. Sorts starts
     * and ends independently (the arrays are reordered) and sweeps once, counting how many intervals cover each
     * point: a start before an end at the same instant, so adjoining intervals merge.
     */
    static Intervals union(long[] starts, long[] ends, int n) {
        if (n == 0) {
            return EMPTY;
        }
        Arrays.sort(starts, 0, n);
        Arrays.sort(ends, 0, n);
        long[] outStarts = new long[n];
        long[] outEnds = new long[n];
        int out = 0;
        int i = 0;
        int j = 0;
        int depth = 0;
        long current = 0;
        while (i < n) {
            if (starts[i] <= ends[j]) {
                if (depth++ == 0) {
                    current = starts[i];
                }
                i++;
            } else {
                if (--depth == 0) {
                    outStarts[out] = current;
                    outEnds[out++] = ends[j];
                }
                j++;
            }
        }
        // all starts seen: the last end closes the last interval
        outStarts[out] = current;
        outEnds[out++] = ends[n - 1];
        return new Intervals(outStarts, outEnds, out);
    }

    /** @return the number of disjoint intervals */
    int size() {
        return size;
    }

    long start(int i) {
        return starts[i];
    }

    long end(int i) {
        return ends[i];
    }

    /** @return the total length in milliseconds */
    long total() {
        return prefix[size];
    }

    /** @return the length of the intersection with {@code [from, to)}, 0 when {@code to ≤ from} */
    long measure(long from, long to) {
        return to <= from ? 0 : cumulative(to) - cumulative(from);
    }

    /** Length of the intersection with {@code (-∞, x)}. */
    private long cumulative(long x) {
        // number of intervals starting before x
        int lo = 0;
        int hi = size;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (starts[mid] < x) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        if (lo == 0) {
            return 0;
        }
        int last = lo - 1;
        return prefix[last] + (Math.min(x, ends[last]) - starts[last]);
    }

    /** @return the points in this set and not in {@code other} */
    Intervals minus(Intervals other) {
        if (size == 0 || other.size == 0) {
            return this;
        }
        long[] outStarts = new long[size + other.size];
        long[] outEnds = new long[size + other.size];
        int out = 0;
        int j = 0;
        for (int i = 0; i < size; i++) {
            long cursor = starts[i];
            long end = ends[i];
            while (j < other.size && other.ends[j] <= cursor) {
                j++;
            }
            int k = j;
            while (k < other.size && other.starts[k] < end) {
                if (other.starts[k] > cursor) {
                    outStarts[out] = cursor;
                    outEnds[out++] = other.starts[k];
                }
                cursor = Math.max(cursor, other.ends[k]);
                if (cursor >= end) {
                    break;
                }
                k++;
            }
            if (cursor < end) {
                outStarts[out] = cursor;
                outEnds[out++] = end;
            }
        }
        return new Intervals(outStarts, outEnds, out);
    }

    /** @return the points in either set */
    Intervals union(Intervals other) {
        if (other.size == 0) {
            return this;
        }
        if (size == 0) {
            return other;
        }
        int n = size + other.size;
        long[] s = Arrays.copyOf(starts, n);
        long[] e = Arrays.copyOf(ends, n);
        System.arraycopy(other.starts, 0, s, size, other.size);
        System.arraycopy(other.ends, 0, e, size, other.size);
        return union(s, e, n);
    }

    /** Receives the pieces of a set within a range. */
    @FunctionalInterface
    interface Piece {
        void accept(long start, long end);
    }

    /** Calls {@code piece} with each non-empty intersection of an interval with {@code [from, to)}, in order. */
    void forEachWithin(long from, long to, Piece piece) {
        for (int i = 0; i < size && starts[i] < to; i++) {
            long s = Math.max(starts[i], from);
            long e = Math.min(ends[i], to);
            if (e > s) {
                piece.accept(s, e);
            }
        }
    }

    /** A growable list of intervals to {@link #build()} a union from. */
    static final class Builder {
        private long[] starts = new long[16];
        private long[] ends = new long[16];
        private int n;

        /** Adds {@code [start, end)}; empty intervals are ignored. */
        void add(long start, long end) {
            if (end <= start) {
                return;
            }
            if (n == starts.length) {
                starts = Arrays.copyOf(starts, n * 2);
                ends = Arrays.copyOf(ends, n * 2);
            }
            starts[n] = start;
            ends[n++] = end;
        }

        Intervals build() {
            return union(starts, ends, n);
        }
    }
}
