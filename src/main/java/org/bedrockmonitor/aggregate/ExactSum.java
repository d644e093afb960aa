package org.bedrockmonitor.aggregate;

import java.math.BigDecimal;
import java.util.Arrays;

/**
 * The exact sum of finite doubles, rounded once to the nearest double (ties to even): the same value as
 * adding them as {@link BigDecimal}s and taking {@link BigDecimal#doubleValue()}, whatever the order of
 * the terms, at a fraction of the cost. The sum is kept as a few non-overlapping doubles (Shewchuk's
 * expansion, as Python's {@code math.fsum} keeps it); a term or sum near the top of the range of a double
 * falls back to a BigDecimal.
 */
final class ExactSum {

    /** Below this, no partial sum of two terms can overflow (the largest partial bounds the sum). */
    private static final double NEAR_OVERFLOW = 0x1p1000;

    private double[] partials = new double[4];
    private int size;
    /** Set instead of the partials once a term or a partial sum left the range of a double. */
    private BigDecimal big;

    ExactSum() {
    }

    static ExactSum of(double value) {
        ExactSum sum = new ExactSum();
        sum.add(value);
        return sum;
    }

    ExactSum copy() {
        ExactSum copy = new ExactSum();
        copy.partials = Arrays.copyOf(partials, Math.max(4, size));
        copy.size = size;
        copy.big = big;
        return copy;
    }

    /** Adds a finite value exactly. */
    void add(double value) {
        if (big == null && (Math.abs(value) > NEAR_OVERFLOW || size > 0 && Math.abs(partials[size - 1]) > NEAR_OVERFLOW)) {
            big = exact();
            size = 0;
        }
        if (big != null) {
            big = big.add(new BigDecimal(value));
            return;
        }
        double x = value;
        int kept = 0;
        for (int j = 0; j < size; j++) {
            double y = partials[j];
            if (Math.abs(x) < Math.abs(y)) {
                double t = x;
                x = y;
                y = t;
            }
            double hi = x + y;
            double lo = y - (hi - x);
            if (lo != 0.0) {
                partials[kept++] = lo;
            }
            x = hi;
        }
        if (kept == partials.length) {
            partials = Arrays.copyOf(partials, kept * 2);
        }
        partials[kept++] = x;
        size = kept;
    }

    void add(ExactSum other) {
        if (other.big != null) {
            if (big == null) {
                big = exact();
            }
            big = big.add(other.big);
            return;
        }
        for (int i = 0; i < other.size; i++) {
            add(other.partials[i]);
        }
    }

    /** The exact sum rounded to the nearest double, ties to even (0.0 for an empty or zero sum). */
    double value() {
        if (big != null) {
            return big.doubleValue();
        }
        int n = size;
        if (n == 0) {
            return 0.0;
        }
        double hi = partials[--n];
        double lo = 0.0;
        while (n > 0) {
            double x = hi;
            double y = partials[--n];
            hi = x + y;
            double yr = hi - x;
            lo = y - yr;
            if (lo != 0.0) {
                break;
            }
        }
        // half-way between two doubles: the partials below decide which way the exact sum rounds
        if (n > 0 && (lo < 0.0 && partials[n - 1] < 0.0 || lo > 0.0 && partials[n - 1] > 0.0)) {
            double y = lo * 2.0;
            double x = hi + y;
            double yr = x - hi;
            if (y == yr) {
                hi = x;
            }
        }
        // BigDecimal has no negative zero
        return hi == 0.0 ? 0.0 : hi;
    }

    private BigDecimal exact() {
        BigDecimal sum = BigDecimal.ZERO;
        for (int i = 0; i < size; i++) {
            sum = sum.add(new BigDecimal(partials[i]));
        }
        return sum;
    }
}
