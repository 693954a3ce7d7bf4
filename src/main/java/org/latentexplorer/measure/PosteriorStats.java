package org.latentexplorer.measure;

import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * What a VAE's posterior q(z|x) = N(mu(x), diag(exp(logVar(x)))) tells about its latent space, over
 * a set of N images:
 * <ul>
 * <li>the KL to the prior N(0, I) per dimension, averaged over the images: 1/2 (mu^2 + sigma^2 - 1 -
 *     log sigma^2);
 * <li>active units (Burda, Grosse and Salakhutdinov, 2016): the dimensions whose posterior mean
 *     varies across the images by more than 0.01, Var_x(mu_d(x)) &gt; 0.01; the others have
 *     collapsed to the prior and carry nothing about x;
 * <li>the mutual information I(x; z) between the image index and its code under q, at most log N,
 *     and the marginal KL(q(z) || p(z)) = mean KL - I(x; z) (Hoffman and Johnson, ELBO surgery,
 *     2016): the part of the KL that is not paid for information.
 * </ul>
 * I(x; z) = E_x E_{z ~ q(z|x)} [log q(z|x) - log q(z)], with q(z) the mixture of the N posteriors
 * (see {@link AggregatePosterior}), by Monte Carlo with a few draws per image.
 *
 * @param klPerDimension  mean KL of each dimension, nats
 * @param meanVariance    Var_x(mu_d(x)) of each dimension
 * @param activeUnits     how many dimensions have meanVariance above {@link #ACTIVE_VARIANCE}
 * @param mutualInformation I(x; z), nats
 * @param images          N
 */
public record PosteriorStats(double[] klPerDimension, double[] meanVariance, int activeUnits,
                             double mutualInformation, int images) {
    /** Burda et al.'s threshold on the variance of a dimension's posterior mean. */
    public static final double ACTIVE_VARIANCE = 0.01;
    /** Draws of z per image in the estimate of I(x; z). */
    public static final int DRAWS_PER_IMAGE = 4;

    /** The posterior of N images (with its spread), draws for I(x; z) from seed. */
    public static PosteriorStats of(LatentModel.Posterior q, long seed) {
        if (!q.hasSpread()) {
            throw new IllegalArgumentException("per-dimension KL and mutual information need a posterior with a spread");
        }
        int n = q.count();
        int k = q.latent();
        double[] kl = new double[k];
        double[] mean = new double[k];
        for (int i = 0; i < n; i++) {
            for (int d = 0; d < k; d++) {
                double mu = q.mu(i, d);
                double lv = q.logVar(i, d);
                kl[d] += 0.5 * (mu * mu + Math.exp(lv) - 1 - lv);
                mean[d] += mu;
            }
        }
        double[] variance = new double[k];
        for (int d = 0; d < k; d++) {
            kl[d] /= n;
            mean[d] /= n;
        }
        for (int i = 0; i < n; i++) {
            for (int d = 0; d < k; d++) {
                double e = q.mu(i, d) - mean[d];
                variance[d] += e * e;
            }
        }
        for (int d = 0; d < k; d++) {
            variance[d] /= n;
        }
        int active = (int) IntStream.range(0, k).filter(d -> variance[d] > ACTIVE_VARIANCE).count();
        return new PosteriorStats(kl, variance, active, mutualInformation(q, seed), n);
    }

    /** The mean KL of the whole code: the sum over dimensions. */
    public double meanKl() {
        double s = 0;
        for (double v : klPerDimension) {
            s += v;
        }
        return s;
    }

    /** log N: I(x; z) over N images can be no more. */
    public double mutualInformationCeiling() {
        return Math.log(images);
    }

    /** KL(q(z) || p(z)) = mean KL - I(x; z). */
    public double marginalKl() {
        return meanKl() - mutualInformation;
    }

    /** Whether some dimension has collapsed to the prior. */
    public boolean collapsed() {
        return activeUnits < klPerDimension.length;
    }

    /** The dimensions (from 0) that are not active. */
    public int[] inactiveDimensions() {
        return IntStream.range(0, meanVariance.length).filter(d -> !(meanVariance[d] > ACTIVE_VARIANCE)).toArray();
    }

    private static double mutualInformation(LatentModel.Posterior q, long seed) {
        int n = q.count();
        int k = q.latent();
        int m = n * DRAWS_PER_IMAGE;
        float[] z = new float[m * k];
        double[] logOwn = new double[m];
        SplittableRandom rng = new SplittableRandom(seed);
        double logNorm = -0.5 * k * Math.log(2 * Math.PI);
        for (int s = 0; s < m; s++) {
            int i = s / DRAWS_PER_IMAGE;
            double lq = logNorm;
            for (int d = 0; d < k; d++) {
                double lv = q.logVar(i, d);
                z[s * k + d] = (float) (q.mu(i, d) + Math.exp(0.5 * lv) * rng.nextGaussian());
                // log q(z|x) of z as stored, so it is exactly the mixture's own component there.
                double e = ((double) z[s * k + d] - q.mu(i, d)) / Math.exp(0.5 * lv);
                lq += -0.5 * e * e - 0.5 * lv;
            }
            logOwn[s] = lq;
        }
        AggregatePosterior mixture = AggregatePosterior.mixture(q);
        double[] logMixture = mixture.logDensity(z, m);
        mixture.release();
        double sum = 0;
        for (int s = 0; s < m; s++) {
            sum += logOwn[s] - logMixture[s];
        }
        return sum / m;
    }
}
