package org.bedrockmonitor.aggregate;

import java.util.Arrays;

/**
 * Exact, mergeable distribution of non-negative integer values (milliseconds): a sorted list of
 * distinct values with their counts. Exact so that percentiles computed after merging rollups from
 * many objects and replicas equal those computed over the raw records.
 */
public final class ValueHistogram {

    private long[] values = new long[8];
    private long[] counts = new long[8];
    private int size;
    private long total;

    public void add(long value) {
        add(value, 1);
    }

    public void add(long value, long count) {
        if (count <= 0) {
            return;
        }
        int at = Arrays.binarySearch(values, 0, size, value);
        if (at >= 0) {
            counts[at] += count;
        } else {
            int insert = -at - 1;
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
                counts = Arrays.copyOf(counts, size * 2);
            }
            System.arraycopy(values, insert, values, insert + 1, size - insert);
            System.arraycopy(counts, insert, counts, insert + 1, size - insert);
            values[insert] = value;
            counts[insert] = count;
            size++;
        }
        total += count;
    }

    /**
     * Adds another distribution in one backward pass over both sorted arrays, in place: merging is on
     * the path of every rollup row into the run totals, where adding value by value was quadratic.
     */
    public void merge(ValueHistogram other) {
        if (other.size == 0) {
            return;
        }
        int needed = size + other.size;
        if (needed > values.length) {
            int capacity = Math.max(needed, values.length * 2);
            values = Arrays.copyOf(values, capacity);
            counts = Arrays.copyOf(counts, capacity);
        }
        int i = size - 1;
        int j = other.size - 1;
        int w = needed - 1;
        while (j >= 0) {
            if (i >= 0 && values[i] > other.values[j]) {
                values[w] = values[i];
                counts[w--] = counts[i--];
            } else if (i >= 0 && values[i] == other.values[j]) {
                values[w] = values[i];
                counts[w--] = counts[i--] + other.counts[j--];
            } else {
                values[w] = other.values[j];
                counts[w--] = other.counts[j--];
            }
        }
        int written = needed - 1 - w;
        if (w > i) {
            // values equal in both left a gap between what stayed in place and what was written
            System.arraycopy(values, w + 1, values, i + 1, written);
            System.arraycopy(counts, w + 1, counts, i + 1, written);
        }
        size = i + 1 + written;
        total += other.total;
    }

    public long count() {
        return total;
    }

    public boolean isEmpty() {
        return total == 0;
    }

    /** Nearest-rank percentile (p in 0..100]; null when no value was recorded. */
    public Long percentile(double p) {
        if (total == 0) {
            return null;
        }
        long rank = (long) Math.ceil(p / 100.0 * total);
        if (rank < 1) {
            rank = 1;
        }
        long seen = 0;
        for (int i = 0; i < size; i++) {
            seen += counts[i];
            if (seen >= rank) {
                return values[i];
            }
        }
        return values[size - 1];
    }

    public double mean() {
        if (total == 0) {
            return Double.NaN;
        }
        double sum = 0;
        for (int i = 0; i < size; i++) {
            sum += (double) values[i] * counts[i];
        }
        return sum / total;
    }

    public long max() {
        return size == 0 ? 0 : values[size - 1];
    }

    public long[] distinctValues() {
        return Arrays.copyOf(values, size);
    }

    public long[] valueCounts() {
        return Arrays.copyOf(counts, size);
    }

    public static ValueHistogram of(long[] values, long[] counts) {
        ValueHistogram histogram = new ValueHistogram();
        for (int i = 0; i < values.length; i++) {
            histogram.add(values[i], counts[i]);
        }
        return histogram;
    }
}
