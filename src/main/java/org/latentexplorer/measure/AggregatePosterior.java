package org.latentexplorer.measure;

import java.util.Locale;

import org.latentexplorer.model.Host;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The aggregate posterior q(z) = (1/N) sum_n q(z|x_n): where the encoder puts the codes of a set of
 * images, as a density. It is an equal mixture of N diagonal Gaussians, one per image:
 * <ul>
 * <li>for a kind whose codes spread, the posteriors themselves, N(mu(x_n), diag(exp(logVar(x_n))));
 * <li>for a kind whose code is a point, a Gaussian kernel density over the codes f(x_n), with the
 *     same bandwidth h_d on every code in dimension d by Scott's rule, h_d = s_d N^(-1/(k+4)), s_d
 *     the standard deviation of the codes in dimension d (Scott, Multivariate Density Estimation,
 *     1992).
 * </ul>
 *
 * <p>log q(z) at many points at once is one matrix product: each component's log density is a
 * quadratic in z, -1/2 sum_d (z_d - m_d)^2 / v_d + const, so it is the dot product of the features
 * (z_d^2, z_d, 1) with per-component coefficients; a log-sum-exp over components follows.
 */
public final class AggregatePosterior {
    private static final double LOG_2PI = Math.log(2 * Math.PI);
    /** Points per block are chosen so the block's [points, components] matrix holds about this many numbers. */
    private static final long BLOCK_ELEMENTS = 4L << 20;

    private final int latent;
    private final int components;
    private final INDArray coefficients;
    private final double[] bandwidth;

    private AggregatePosterior(LatentModel.Posterior q, double[] bandwidth) {
        this.latent = q.latent();
        this.components = q.count();
        this.bandwidth = bandwidth;
        int k = latent;
        double[] c = new double[components * (2 * k + 1)];
        for (int n = 0; n < components; n++) {
            double constant = -0.5 * k * LOG_2PI;
            int row = n * (2 * k + 1);
            for (int d = 0; d < k; d++) {
                double v = bandwidth != null ? bandwidth[d] * bandwidth[d] : Math.exp(q.logVar(n, d));
                double m = q.mu(n, d);
                c[row + d] = -0.5 / v;
                c[row + k + d] = m / v;
                constant += -0.5 * m * m / v - 0.5 * Math.log(v);
            }
            c[row + 2 * k] = constant;
        }
        this.coefficients = Nd4j.create(c, new long[] {components, 2 * k + 1}, 'c');
    }

    /** q(z) of the codes of a set of images: the posteriors' mixture, or a kernel density for point codes. */
    public static AggregatePosterior of(LatentModel.Posterior q) {
        if (q.count() < 2) {
            throw new IllegalArgumentException("the aggregate posterior needs the codes of at least 2 images, not " + q.count());
        }
        return new AggregatePosterior(q, q.hasSpread() ? null : scottBandwidth(q));
    }

    /** The kernel bandwidth h_d of each dimension for point codes; null when q(z) is the posteriors' mixture. */
    public double[] bandwidth() {
        return bandwidth == null ? null : bandwidth.clone();
    }

    public int components() {
        return components;
    }

    public int latent() {
        return latent;
    }

    /** How q(z) is formed, in words, for a report. */
    public String describe() {
        if (bandwidth == null) {
            return String.format(Locale.ROOT, "mixture of the %,d images' posteriors q(z|x)", components);
        }
        StringBuilder b = new StringBuilder(String.format(Locale.ROOT,
                "Gaussian kernel density over the %,d codes, Scott's bandwidth h = (", components));
        for (int d = 0; d < bandwidth.length; d++) {
            b.append(d == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%.3g", bandwidth[d]));
        }
        return b.append(')').toString();
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

    private static double[] scottBandwidth(LatentModel.Posterior q) {
        int n = q.count();
        int k = q.latent();
        double factor = Math.pow(n, -1.0 / (k + 4));
        double[] h = new double[k];
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
            double sd = Math.sqrt(var / (n - 1));
            // All codes equal in a dimension: a tiny kernel keeps q(z) a density rather than dividing by 0.
            h[d] = Math.max(sd, 1e-6) * factor;
        }
        return h;
    }
}
