package org.bedrockmonitor.aggregate;

import java.util.Arrays;

/**
 * Exact, mergeable distribution of integer values (milliseconds): every distinct value with its count.
 * Exact so that percentiles computed after merging rollups from many objects and replicas equal those
 * computed over the raw records.
 *
 * <p>Values accumulate in an open-addressing hash table, so adding and merging cost O(1) per distinct
 * value however large the distribution grows (reports merge thousands of rows into one total); the
 * sorted view that percentiles and serialisation need is built on demand and kept until the next change.
 */
public final class ValueHistogram {

    private static final long EMPTY = Long.MIN_VALUE;

    private static final int FIRST_CAPACITY = 16;

    /** Allocated on the first value: most rows leave one of their two distributions empty. */
    private long[] keys = new long[0];
    private long[] slotCounts = new long[0];
    private int size;
    private long total;
    private long[] sortedValues;
    private long[] sortedCounts;

    public void add(long value) {
        add(value, 1);
    }

    public void add(long value, long count) {
        if (count <= 0 || value == EMPTY) {
            return;
        }
        if ((size + 1) * 2 > keys.length) {
            rehash(Math.max(FIRST_CAPACITY, keys.length * 2));
        }
        int mask = keys.length - 1;
        int slot = Long.hashCode(value * 0x9E3779B97F4A7C15L) & mask;
        while (keys[slot] != EMPTY && keys[slot] != value) {
            slot = (slot + 1) & mask;
        }
        if (keys[slot] == EMPTY) {
            keys[slot] = value;
            size++;
        }
        slotCounts[slot] += count;
        total += count;
        sortedValues = null;
    }

    public void merge(ValueHistogram other) {
        reserve(size + other.size);
        long[] otherKeys = other.keys;
        for (int i = 0; i < otherKeys.length; i++) {
            if (otherKeys[i] != EMPTY) {
                add(otherKeys[i], other.slotCounts[i]);
            }
        }
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
        sort();
        long rank = Math.max(1, (long) Math.ceil(p / 100.0 * total));
        long seen = 0;
        for (int i = 0; i < sortedValues.length; i++) {
            seen += sortedCounts[i];
            if (seen >= rank) {
                return sortedValues[i];
            }
        }
        return sortedValues[sortedValues.length - 1];
    }

    public double mean() {
        if (total == 0) {
            return Double.NaN;
        }
        double sum = 0;
        for (int i = 0; i < keys.length; i++) {
            if (keys[i] != EMPTY) {
                sum += (double) keys[i] * slotCounts[i];
            }
        }
        return sum / total;
    }

    public long max() {
        if (size == 0) {
            return 0;
        }
        sort();
        return sortedValues[sortedValues.length - 1];
    }

    /** The distinct values, ascending. */
    public long[] distinctValues() {
        sort();
        return sortedValues.clone();
    }

    /** The count of each of {@link #distinctValues()}, in the same order. */
    public long[] valueCounts() {
        sort();
        return sortedCounts.clone();
    }

    public static ValueHistogram of(long[] values, long[] counts) {
        ValueHistogram histogram = new ValueHistogram();
        histogram.addAll(values, counts);
        return histogram;
    }

    /** Adds {@code counts[i]} occurrences of each {@code values[i]}. */
    public void addAll(long[] values, long[] counts) {
        reserve(size + values.length);
        for (int i = 0; i < values.length; i++) {
            add(values[i], counts[i]);
        }
    }

    /** Grows the table once for {@code distinct} values instead of doubling step by step. */
    private void reserve(int distinct) {
        if (distinct * 2 > keys.length) {
            rehash(Math.max(FIRST_CAPACITY, Integer.highestOneBit(distinct * 2 - 1) << 1));
        }
    }

    private void sort() {
        if (sortedValues != null) {
            return;
        }
        long[] values = new long[size];
        int n = 0;
        for (long key : keys) {
            if (key != EMPTY) {
                values[n++] = key;
            }
        }
        Arrays.sort(values);
        long[] counts = new long[size];
        for (int i = 0; i < size; i++) {
            counts[i] = slotCounts[slotOf(values[i])];
        }
        sortedValues = values;
        sortedCounts = counts;
    }

    private int slotOf(long value) {
        int mask = keys.length - 1;
        int slot = Long.hashCode(value * 0x9E3779B97F4A7C15L) & mask;
        while (keys[slot] != value) {
            slot = (slot + 1) & mask;
        }
        return slot;
    }

    private void rehash(int capacity) {
        long[] oldKeys = keys;
        long[] oldCounts = slotCounts;
        keys = emptyKeys(capacity);
        slotCounts = new long[capacity];
        size = 0;
        total = 0;
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldKeys[i] != EMPTY) {
                add(oldKeys[i], oldCounts[i]);
            }
        }
    }

    private static long[] emptyKeys(int capacity) {
        long[] keys = new long[capacity];
        Arrays.fill(keys, EMPTY);
        return keys;
    }
}
