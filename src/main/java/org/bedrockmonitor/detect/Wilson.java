package org.bedrockmonitor.detect;

/**
 * Confidence bounds of a rate from a small sample (Wilson score interval): 4 failures in 10 calls is
 * evidence of a high failure rate, 1 in 3 is not, and neither needs a fixed minimum count.
 */
final class Wilson {

    private Wilson() {
    }

    /** One-sided lower bound of the rate {@code hits/n} at confidence {@code z} (standard normal quantile). */
    static double lowerBound(long hits, long n, double z) {
        if (n <= 0) {
            return 0;
        }
        double p = (double) hits / n;
        double z2 = z * z;
        double centre = p + z2 / (2.0 * n);
        double margin = z * Math.sqrt(p * (1 - p) / n + z2 / (4.0 * n * n));
        return Math.max(0, (centre - margin) / (1 + z2 / n));
    }

    /** The standard normal quantile of a one-sided confidence (0.99 gives 2.326), Acklam's approximation. */
    static double quantile(double confidence) {
        if (!(confidence > 0.5 && confidence < 1)) {
            throw new IllegalArgumentException("confidence must be between 0.5 and 1, got " + confidence);
        }
        double[] a = {-3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02, 1.383577518672690e+02,
                -3.066479806614716e+01, 2.506628277459239e+00};
        double[] b = {-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02, 6.680131188771972e+01,
                -1.328068155288572e+01};
        double[] c = {-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00, -2.549732539343734e+00,
                4.374664141464968e+00, 2.938163982698783e+00};
        double[] d = {7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00, 3.754408661907416e+00};
        double p = confidence;
        if (p > 0.97575) {
            double q = Math.sqrt(-2 * Math.log(1 - p));
            return -(((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5])
                    / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
        }
        double q = p - 0.5;
        double r = q * q;
        return (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q
                / (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
    }
}
