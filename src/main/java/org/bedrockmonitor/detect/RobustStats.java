package org.bedrockmonitor.detect;

import java.util.Arrays;
import java.util.Collection;

/** Median and median absolute deviation: location and spread that one outlier cannot drag. */
public final class RobustStats {

    /** Scales a MAD to the standard deviation of normally distributed data. */
    static final double MAD_TO_SIGMA = 1.4826;

    private RobustStats() {
    }

    static double median(Collection<? extends Number> values) {
        return median(values.stream().mapToDouble(Number::doubleValue).toArray());
    }

    public static double median(double[] values) {
        if (values.length == 0) {
            return Double.NaN;
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int mid = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2.0;
    }

    static double mad(double[] values, double median) {
        double[] deviations = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            deviations[i] = Math.abs(values[i] - median);
        }
        return median(deviations);
    }

    /**
     * Score against recent windows (oldest first): the typical value is the median of the last
     * {@code locationWindows}, which follows a daily ramp with little lag; the spread comes from the
     * differences between neighbouring windows, which a slow trend hardly inflates (a plain MAD around
     * a lagging median would read every morning ramp as an anomaly).
     */
    static double trendTolerantScore(double value, double[] recent, int locationWindows, double minRelativeDeviation) {
        double[] latest = Arrays.copyOfRange(recent, Math.max(0, recent.length - locationWindows), recent.length);
        double median = median(latest);
        double[] steps = new double[Math.max(0, recent.length - 1)];
        for (int i = 1; i < recent.length; i++) {
            steps[i - 1] = recent[i] - recent[i - 1];
        }
        double stepSpread = steps.length == 0 ? 0 : MAD_TO_SIGMA * median(Arrays.stream(steps).map(Math::abs).toArray())
                / Math.sqrt(2);
        double spread = Math.max(stepSpread, minRelativeDeviation * Math.abs(median));
        return (value - median) / Math.max(spread, 1.0);
    }

    /**
     * How far {@code value} lies above the typical value, in robust standard deviations. The spread is
     * floored at {@code minRelativeDeviation} of the median so that a near-constant series does not turn
     * a trivial wobble into a huge score.
     */
    public static double score(double value, double[] history, double minRelativeDeviation) {
        double median = median(history);
        double spread = Math.max(MAD_TO_SIGMA * mad(history, median), minRelativeDeviation * Math.abs(median));
        return (value - median) / Math.max(spread, 1.0);
    }
}
