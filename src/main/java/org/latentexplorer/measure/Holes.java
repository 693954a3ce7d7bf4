package org.latentexplorer.measure;

import org.latentexplorer.explore.LatentSlice;
import org.latentexplorer.explore.Viewport;

/**
 * Holes in the latent space: where the aggregate posterior q(z) falls below a tenth of the prior
 * p(z) = N(0, I), the prior draws points the encoder never gives any image, and what the decoder
 * makes of them is untrained. hole_fraction is the prior mass lying in holes, estimated from
 * draws of the prior, so it means the same in any latent dimension.
 */
public final class Holes {
    /** A point is in a hole where q(z) / p(z) is below this. */
    public static final double RATIO = 0.1;
    private static final double LOG_RATIO = Math.log(RATIO);

    /**
     * log10(q(z) / p(z)) at each tile centre of an n x n grid over a plane, row by row from the top
     * (as the mosaic): below -1 is a hole.
     */
    public record Field(int n, float[] log10Ratio) {
        public float log10Ratio(int row, int column) {
            return log10Ratio[row * n + column];
        }

        public boolean isHole(int row, int column) {
            return log10Ratio(row, column) < Math.log10(RATIO);
        }
    }

    private Holes() {
    }

    /**
     * How q covers the prior, over draws from it.
     *
     * @param fraction    hole_fraction: the fraction of the draws that lie in holes
     * @param medianRatio the median of q(z) / p(z) over the draws: about 1 where q matches the
     *                    prior, far below where the codes cover it thinly, even without holes
     */
    public record Coverage(double fraction, double medianRatio) {
    }

    /** The coverage of count prior draws z[i * k + d]. */
    public static Coverage coverage(AggregatePosterior q, float[] draws, int count) {
        double[] ratio = logRatio(q, draws, count);
        int holes = 0;
        for (double r : ratio) {
            if (r < LOG_RATIO) {
                holes++;
            }
        }
        return new Coverage((double) holes / count, Math.exp(Quantiles.percentile(ratio, 0.5)));
    }

    /** The fraction of count prior draws z[i * k + d] that lie in holes of q. */
    public static double fraction(AggregatePosterior q, float[] draws, int count) {
        return coverage(q, draws, count).fraction();
    }

    /** The field an overlay colours, at the window's tile centres over a plane. */
    public static Field field(AggregatePosterior q, Viewport view, LatentSlice slice, int n) {
        if (slice.latent() != q.latent()) {
            throw new IllegalArgumentException("the plane is in " + slice.latent() + " dimensions but the codes in " + q.latent());
        }
        double[] ratio = logRatio(q, Continuity.gridPoints(view, slice, n), n * n);
        float[] log10 = new float[n * n];
        for (int i = 0; i < log10.length; i++) {
            log10[i] = (float) (ratio[i] / Math.log(10));
        }
        return new Field(n, log10);
    }

    /** ln(q(z) / p(z)) at count points. */
    static double[] logRatio(AggregatePosterior q, float[] z, int count) {
        double[] logQ = q.logDensity(z, count);
        int k = q.latent();
        for (int i = 0; i < count; i++) {
            logQ[i] -= AggregatePosterior.logPrior(z, i * k, k);
        }
        return logQ;
    }
}
