package org.latentexplorer.measure;

import java.util.Locale;
import java.util.SplittableRandom;

import org.latentexplorer.model.Host;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The aggregate posterior q(z) = (1/N) sum_n q(z|x_n): where the encoder puts the codes of a set of
 * images, as a density. It is an equal mixture of N diagonal Gaussians, one per image.
 *
 * <p>Estimated from a finite set of images, the mixture of their posteriors has gaps between
 * components that narrow posteriors (a VAE's are often a few hundredths wide) leave and more
 * images would fill, and a kind whose code is a point has no spread at all. So {@link #of} forms
 * q(z) the same way for every kind: each image's code distribution, N(mu(x_n),
 * diag(exp(logVar(x_n)))) or the point f(x_n), widened by a Gaussian kernel of variance h_d^2,
 * h_d = f s_d, s_d the standard deviation of the codes' centres in dimension d, and the factor f
 * the one of {@link #FACTORS} under which the held-out images (every eighth; at most 500 of them
 * scored) are most likely
 * (maximum likelihood cross-validation; for a spread posterior the held-out image contributes one
 * draw from it). f = 0, the posteriors' mixture itself, is a candidate where the codes spread.
 * A rule of thumb such as Scott's assumes one Gaussian bump and smooths clustered codes into one,
 * hiding exactly the gaps a hole marks. {@link #mixture} is the plain mixture of posteriors, for
 * the mutual information.
 *
 * <p>log q(z) at many points at once is one matrix product: each component's log density is a
 * quadratic in z, -1/2 sum_d (z_d - m_d)^2 / v_d + const, so it is the dot product of the features
 * (z_d^2, z_d, 1) with per-component coefficients; a log-sum-exp over components follows.
 */
public final class AggregatePosterior {
    /** The kernel factors f tried, h_d = f s_d; 0 (no widening) only where the codes spread. */
    public static final double[] FACTORS = {0, 0.01, 0.02, 0.03, 0.05, 0.07, 0.1, 0.15, 0.2, 0.3, 0.5, 1};
    /** One image in this many is held out to choose the kernel ... */
    static final int HOLD_OUT_EVERY = 8;
    /** ... and at most this many of those (evenly spread) are scored. */
    static final int HOLD_OUT_SCORED = 500;
    private static final long DRAW_SEED = 1;
    private static final double LOG_2PI = Math.log(2 * Math.PI);
    /** Points per block are chosen so the block's [points, components] matrix holds about this many numbers. */
    private static final long BLOCK_ELEMENTS = 4L << 20;

    private final int latent;
    private final int components;
    private final INDArray coefficients;
    private final boolean spread;
    private final double factor;
    private final double[] bandwidth;

    private AggregatePosterior(LatentModel.Posterior q, double factor, double[] bandwidth) {
        this.latent = q.latent();
        this.components = q.count();
        this.spread = q.hasSpread();
        this.factor = factor;
        this.bandwidth = bandwidth;
        int k = latent;
        double[] c = new double[components * (2 * k + 1)];
        for (int n = 0; n < components; n++) {
            double constant = -0.5 * k * LOG_2PI;
            int row = n * (2 * k + 1);
            for (int d = 0; d < k; d++) {
                double v = (spread ? Math.exp(q.logVar(n, d)) : 0) + bandwidth[d] * bandwidth[d];
                double m = q.mu(n, d);
                c[row + d] = -0.5 / v;
                c[row + k + d] = m / v;
                constant += -0.5 * m * m / v - 0.5 * Math.log(v);
            }
            c[row + 2 * k] = constant;
        }
        this.coefficients = Nd4j.create(c, new long[] {components, 2 * k + 1}, 'c');
    }

    /**
     * q(z) of the codes of a set of images: their code distributions widened by the kernel the
     * held-out images choose (see the class comment).
     */
    public static AggregatePosterior of(LatentModel.Posterior q) {
        if (q.count() < 2) {
            throw new IllegalArgumentException("the aggregate posterior needs the codes of at least 2 images, not " + q.count());
        }
        double[] s = centreSpread(q);
        LatentModel.Posterior fit = q.select(i -> i % HOLD_OUT_EVERY != 0);
        float[] held = heldOutDraws(q);
        int heldCount = held.length / q.latent();
        double[] candidates = q.hasSpread() ? FACTORS : java.util.Arrays.copyOfRange(FACTORS, 1, FACTORS.length);
        double[] likelihood = new double[candidates.length];
        java.util.Arrays.fill(likelihood, Double.NaN);
        java.util.function.IntToDoubleFunction at = i -> {
            if (Double.isNaN(likelihood[i])) {
                AggregatePosterior candidate = new AggregatePosterior(fit, candidates[i], scaled(s, candidates[i]));
                double[] logQ = candidate.logDensity(held, heldCount);
                candidate.release();
                double mean = 0;
                for (double v : logQ) {
                    mean += v;
                }
                likelihood[i] = mean / heldCount;
            }
            return likelihood[i];
        };
        // The held-out likelihood rises to one peak and falls as the kernel widens: a ternary search
        // over the candidates finds it in about 6 evaluations instead of 12. Ties keep the narrower kernel.
        int lo = 0;
        int hi = candidates.length - 1;
        while (hi - lo > 2) {
            int a = lo + (hi - lo) / 3;
            int b = hi - (hi - lo) / 3;
            if (at.applyAsDouble(a) >= at.applyAsDouble(b) - 1e-9) {
                hi = b - 1;
            } else {
                lo = a + 1;
            }
        }
        int bestIndex = lo;
        for (int i = lo + 1; i <= hi; i++) {
            if (at.applyAsDouble(i) > at.applyAsDouble(bestIndex) + 1e-9) {
                bestIndex = i;
            }
        }
        double best = candidates[bestIndex];
        return new AggregatePosterior(q, best, scaled(s, best));
    }

    /** The plain mixture of the posteriors q(z|x_n), nothing widened; the codes must spread. */
    public static AggregatePosterior mixture(LatentModel.Posterior q) {
        if (!q.hasSpread()) {
            throw new IllegalArgumentException("a mixture of posteriors needs codes that spread, not points");
        }
        if (q.count() < 1) {
            throw new IllegalArgumentException("the mixture needs at least one posterior");
        }
        return new AggregatePosterior(q, 0, new double[q.latent()]);
    }

    /** Frees the native copy of the components; q must not be evaluated afterwards. */
    public void release() {
        Host.release(coefficients);
    }

    /** The kernel bandwidth h_d of each dimension, added in variance to each image's own spread (0: none). */
    public double[] bandwidth() {
        return bandwidth.clone();
    }

    /** The factor f of h_d = f s_d. */
    public double factor() {
        return factor;
    }

    public int components() {
        return components;
    }

    public int latent() {
        return latent;
    }

    /** How q(z) is formed, in words, for a report. */
    public String describe() {
        String what = spread ? String.format(Locale.ROOT, "mixture of the %,d images' posteriors q(z|x)", components)
                : String.format(Locale.ROOT, "Gaussian kernel density over the %,d codes", components);
        if (factor == 0) {
            return what;
        }
        StringBuilder b = new StringBuilder(what).append(spread ? ", each widened by a kernel h = (" : ", h = (");
        for (int d = 0; d < bandwidth.length; d++) {
            b.append(d == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%.3g", bandwidth[d]));
        }
        return b.append(") chosen by held-out likelihood (")
                .append(java.math.BigDecimal.valueOf(factor).stripTrailingZeros().toPlainString()).append(" s)").toString();
    }

    /** log q(z) at count points z[i * k + d]. */
    public double[] logDensity(float[] z, int count) {
        int k = latent;
        if (z.length != count * k) {
            throw new IllegalArgumentException(count + " points of " + k + " values need " + count * k + " numbers, not "
                    + z.length);
        }
        int block = (int) Math.max(1, Math.min(count, BLOCK_ELEMENTS / components));
        double[] out = new double[count];
        for (int start = 0; start < count; start += block) {
            int m = Math.min(block, count - start);
            double[] features = new double[m * (2 * k + 1)];
            for (int i = 0; i < m; i++) {
                int row = i * (2 * k + 1);
                for (int d = 0; d < k; d++) {
                    double v = z[(start + i) * k + d];
                    features[row + d] = v * v;
                    features[row + k + d] = v;
                }
                features[row + 2 * k] = 1;
            }
            INDArray f = Nd4j.create(features, new long[] {m, 2 * k + 1}, 'c');
            INDArray logs = Nd4j.createUninitialized(DataType.DOUBLE, m, components);
            Nd4j.gemm(f, coefficients, logs, false, true, 1.0, 0.0);
            INDArray max = logs.max(1);
            logs.subiColumnVector(max.reshape(m, 1));
            Transforms.exp(logs, false);
            INDArray sums = logs.sum(1);
            double logN = Math.log(components);
            for (int i = 0; i < m; i++) {
                out[start + i] = max.getDouble(i) + Math.log(sums.getDouble(i)) - logN;
            }
            Host.release(f, logs, max, sums);
        }
        return out;
    }

    /** log p(z) of the prior N(0, I) at the point z[offset .. offset + k). */
    public static double logPrior(float[] z, int offset, int k) {
        double s = -0.5 * k * LOG_2PI;
        for (int d = 0; d < k; d++) {
            double v = z[offset + d];
            s -= 0.5 * v * v;
        }
        return s;
    }

    private static double[] scaled(double[] s, double f) {
        double[] h = new double[s.length];
        for (int d = 0; d < s.length; d++) {
            h[d] = f * s[d];
        }
        return h;
    }

    /** One point per held-out image: a draw from its posterior, or its code where that is a point. */
    private static float[] heldOutDraws(LatentModel.Posterior q) {
        int k = q.latent();
        int out = (q.count() + HOLD_OUT_EVERY - 1) / HOLD_OUT_EVERY;
        int held = Math.min(out, HOLD_OUT_SCORED);
        float[] z = new float[held * k];
        SplittableRandom rng = new SplittableRandom(DRAW_SEED);
        for (int j = 0; j < held; j++) {
            int i = (int) ((long) j * out / held) * HOLD_OUT_EVERY;
            for (int d = 0; d < k; d++) {
                double sd = q.hasSpread() ? Math.exp(0.5 * q.logVar(i, d)) : 0;
                z[j * k + d] = (float) (q.mu(i, d) + sd * rng.nextGaussian());
            }
        }
        return z;
    }

    /** The standard deviation of the codes' centres in each dimension, kept above 0 so a kernel stays a density. */
    private static double[] centreSpread(LatentModel.Posterior q) {
        int n = q.count();
        int k = q.latent();
        double[] s = new double[k];
        for (int d = 0; d < k; d++) {
            double mean = 0;
            for (int i = 0; i < n; i++) {
                mean += q.mu(i, d);
            }
            mean /= n;
            double var = 0;
            for (int i = 0; i < n; i++) {
                double e = q.mu(i, d) - mean;
                var += e * e;
            }
            s[d] = Math.max(Math.sqrt(var / (n - 1)), 1e-6);
        }
        return s;
    }
}
