package org.latentexplorer.ui.inspect;

import java.util.ArrayList;
import java.util.List;

import org.latentexplorer.explore.LatentSlice;

/**
 * The posterior q(z|x) = N(mu, diag(sigma^2)) of one image as the grid's plane shows it: its
 * marginal over the plane's two dimensions is a Gaussian with axis-aligned contours, so the ellipse
 * at k standard deviations is centred on mu and has the radii k * sigma along each of them.
 *
 * @param cx centre along the plane's horizontal dimension
 * @param cy centre along its vertical dimension
 * @param rx radius along the horizontal dimension, in latent units
 * @param ry radius along the vertical dimension
 * @param k  how many standard deviations
 */
public record PosteriorEllipse(double cx, double cy, double rx, double ry, int k) {
    /** The contours drawn: at 1 and 2 standard deviations. */
    public static final int[] LEVELS = {1, 2};

    /**
     * The ellipses of N(mu, diag(exp(logVar))) at {@link #LEVELS} in the plane of slice; none when
     * logVar is null (a code without spread).
     */
    public static List<PosteriorEllipse> around(float[] mu, float[] logVar, LatentSlice slice) {
        List<PosteriorEllipse> out = new ArrayList<>();
        if (logVar == null) {
            return out;
        }
        int dx = slice.dimX();
        int dy = slice.dimY();
        double sx = Math.exp(logVar[dx] / 2.0);
        double sy = Math.exp(logVar[dy] / 2.0);
        for (int k : LEVELS) {
            out.add(new PosteriorEllipse(mu[dx], mu[dy], k * sx, k * sy, k));
        }
        return out;
    }

    /**
     * The share of q(z|x)'s draws that land inside this ellipse in the plane: the squared
     * Mahalanobis distance of a 2-d Gaussian is chi-squared with 2 degrees of freedom, so
     * 1 - exp(-k^2 / 2): 39% at 1 sigma, 86% at 2.
     */
    public double mass() {
        return 1 - Math.exp(-k * k / 2.0);
    }
}
