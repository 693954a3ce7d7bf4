package org.latentexplorer.train;

import java.util.Objects;

/**
 * A bounded, smoothed series for a live loss chart. Each added value updates an exponential moving
 * average (weight {@code smoothing} on the past; 0 = no smoothing; the first value starts the
 * average); the smoothed values are kept as (x, y) points, at most maxPoints of them: when full,
 * neighbouring points are merged pairwise (x of the later one, y averaged) and from then on every
 * 2^k raw values make one point, so thousands of iterations stay a few hundred points and the chart
 * stays fast. The last point always shows the latest smoothed value (a partially filled bucket is
 * shown as a provisional last point).
 *
 * <p>A finished point is the mean of the smoothed values of its bucket at the x of the bucket's
 * last value; the bucket holding the latest value stays provisional until the next value arrives,
 * so the last point is always (latest x, latest smoothed value).
 *
 * <p>Not thread-safe: one thread adds and reads.
 */
public final class LossCurve {

    private final int maxPoints;
    private final double smoothing;

    /** Finished points; fewer than maxPoints between adds, since reaching it merges them. */
    private final double[] xs;
    private final double[] ys;
    private int finished;
    /** Raw values per finished point: 2^(merges so far). */
    private long bucketSize = 1;

    /** The provisional bucket, holding the latest value; empty only when the curve is. */
    private long bucketCount;
    private double bucketMean;

    private double lastX = Double.NEGATIVE_INFINITY;
    private double smoothed = Double.NaN;
    private long version;

    /**
     * @param maxPoints at least 4 and even, so a full series merges into pairs exactly
     * @param smoothing weight of the past in the moving average, in [0, 1)
     */
    public LossCurve(int maxPoints, double smoothing) {
        if (maxPoints < 4 || maxPoints % 2 != 0) {
            throw new IllegalArgumentException("a loss curve needs an even number of at least 4 points, not " + maxPoints);
        }
        if (!(smoothing >= 0 && smoothing < 1)) {
            throw new IllegalArgumentException("smoothing must be in [0, 1), not " + smoothing);
        }
        this.maxPoints = maxPoints;
        this.smoothing = smoothing;
        this.xs = new double[maxPoints];
        this.ys = new double[maxPoints];
    }

    /**
     * Adds a raw value at x. Non-finite y (a diverged batch) is ignored entirely, so one NaN does not
     * poison the average; x must be finite and not less than the x of the last value kept.
     */
    public void add(double x, double y) {
        if (!Double.isFinite(x)) {
            throw new IllegalArgumentException("loss curve x must be a finite number, not " + x);
        }
        if (x < lastX) {
            throw new IllegalArgumentException("loss curve x must not decrease: " + x + " after " + lastX);
        }
        if (!Double.isFinite(y)) {
            return;
        }
        // s + (1 - a)(y - s) rather than a s + (1 - a) y: a constant input then stays exactly constant.
        smoothed = Double.isNaN(smoothed) || smoothing == 0 ? y : smoothed + (1 - smoothing) * (y - smoothed);
        if (bucketCount == bucketSize) {
            finishBucket();
        }
        bucketCount++;
        bucketMean += (smoothed - bucketMean) / bucketCount;
        lastX = x;
        version++;
    }

    /** Number of points, the provisional last one included. */
    public int size() {
        return bucketCount == 0 ? 0 : finished + 1;
    }

    public double x(int i) {
        Objects.checkIndex(i, size());
        return i < finished ? xs[i] : lastX;
    }

    public double y(int i) {
        Objects.checkIndex(i, size());
        return i < finished ? ys[i] : smoothed;
    }

    /** The latest smoothed value; NaN when empty. */
    public double lastY() {
        return smoothed;
    }

    public void clear() {
        if (size() == 0) {
            return;
        }
        finished = 0;
        bucketSize = 1;
        bucketCount = 0;
        bucketMean = 0;
        lastX = Double.NEGATIVE_INFINITY;
        smoothed = Double.NaN;
        version++;
    }

    /** Changes whenever the visible points change, so a view knows when to redraw. */
    public long version() {
        return version;
    }

    private void finishBucket() {
        xs[finished] = lastX;
        ys[finished] = bucketMean;
        finished++;
        bucketCount = 0;
        bucketMean = 0;
        if (finished == maxPoints) {
            mergePairs();
        }
    }

    /** Halves the finished points; the next bucket holds twice as many raw values to match. */
    private void mergePairs() {
        for (int i = 0; i < maxPoints / 2; i++) {
            xs[i] = xs[2 * i + 1];
            // Halves before adding: cannot overflow, and equal values stay exactly equal.
            ys[i] = 0.5 * ys[2 * i] + 0.5 * ys[2 * i + 1];
        }
        finished = maxPoints / 2;
        bucketSize *= 2;
    }
}
