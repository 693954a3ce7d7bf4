package org.latentexplorer.measure;

import java.util.Arrays;

/**
 * The median, the 95th percentile and the maximum of a set of values: how a ratio or a distance is
 * spread over a grid or a set of samples.
 */
public record Quantiles(int count, double median, double p95, double max) {

    /** The quantiles of values (not changed); NaN for an empty set. */
    public static Quantiles of(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return new Quantiles(sorted.length, sortedPercentile(sorted, 0.5), sortedPercentile(sorted, 0.95),
                sorted.length == 0 ? Double.NaN : sorted[sorted.length - 1]);
    }

    /** The q-th quantile (q in [0, 1]) of values, interpolating linearly between order statistics. */
    public static double percentile(double[] values, double q) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sortedPercentile(sorted, q);
    }

    private static double sortedPercentile(double[] sorted, double q) {
        if (!(q >= 0 && q <= 1)) {
            throw new IllegalArgumentException("a quantile lies in [0, 1], not " + q);
        }
        if (sorted.length == 0) {
            return Double.NaN;
        }
        double at = q * (sorted.length - 1);
        int lo = (int) Math.floor(at);
        int hi = Math.min(lo + 1, sorted.length - 1);
        return sorted[lo] + (at - lo) * (sorted[hi] - sorted[lo]);
    }
}
