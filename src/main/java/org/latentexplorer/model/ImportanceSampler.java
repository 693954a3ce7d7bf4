package org.latentexplorer.model;

import java.util.random.RandomGenerator;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The importance-weighted estimate of -log p(x) (Burda et al., IWAE bound) with K samples from
 * q(z|x):  -log p(x) ~ -log (1/K sum_k p(x|z_k) p(z_k) / q(z_k|x)).  It tightens towards the true
 * negative log-likelihood as K grows, and equals the negative ELBO in expectation for K = 1.
 */
public final class ImportanceSampler {
    private static final double LOG_2PI = Math.log(2 * Math.PI);
    /**
     * Decoder rows per pass: bounds memory whatever K is (about 12 MB of forward-pass arrays for
     * the shipped models), and no faster with more.
     */
    private static final int MAX_ROWS = 1024;

    private final Network vae;

    public ImportanceSampler(Network vae) {
        if (!vae.kind().hasPrior()) {
            throw new IllegalArgumentException(vae.kind().aTitle() + " has no prior p(z) and posterior q(z|x)"
                    + " to estimate -log p(x) with; only a VAE has");
        }
        this.vae = vae;
    }

    /**
     * -log p(x) estimates for each image of x [n, D], in nats.
     *
     * @param samples K, at least 1
     */
    public double[] negLogLikelihood(INDArray x, int samples, RandomGenerator rng) {
        if (samples < 1) {
            throw new IllegalArgumentException("K must be at least 1, not " + samples);
        }
        int n = (int) x.rows();
        int d = vae.config().inputSize();
        int k = vae.config().latent();
        int perPass = Math.max(1, MAX_ROWS / samples);
        double[] out = new double[n];
        float[] images = new float[n * d];
        INDArray dense = x.dup('c');
        Host.read(dense, images, images.length);
        Host.release(dense);
        float[] repeated = new float[Math.min(n, perPass) * samples * d];
        Activations full = null;
        for (int start = 0; start < n; start += perPass) {
            int m = Math.min(perPass, n - start);
            if (m == perPass && full == null) {
                full = vae.newActivations(m * samples, false);
            }
            Activations a = m == perPass ? full : vae.newActivations(m * samples, false);
            for (int i = 0; i < m; i++) {
                for (int s = 0; s < samples; s++) {
                    System.arraycopy(images, (start + i) * d, repeated, (i * samples + s) * d, d);
                }
            }
            Host.write(a.x, repeated, m * samples * d);
            // q(z|x) once per image; its K samples share mu and logVar.
            Network.Encoding q = vae.encode(x.get(NDArrayIndex.interval(start, start + m), NDArrayIndex.all()));
            float[] mu = new float[m * k];
            float[] logVar = new float[m * k];
            Host.read(q.mu(), mu, mu.length);
            Host.read(q.logVar(), logVar, logVar.length);
            Host.release(q.mu(), q.logVar());
            for (int i = 0; i < m; i++) {
                for (int s = 0; s < samples; s++) {
                    for (int j = 0; j < k; j++) {
                        long r = ((long) i * samples + s) * k + j;
                        double eps = rng.nextGaussian();
                        Host.put(a.eps, r, eps);
                        Host.put(a.z, r, mu[i * k + j] + Math.exp(0.5 * logVar[i * k + j]) * eps);
                    }
                }
            }
            vae.decode(a);
            vae.config().likelihood().reconPerImage(a);
            for (int i = 0; i < m; i++) {
                double[] logW = new double[samples];
                double max = Double.NEGATIVE_INFINITY;
                for (int s = 0; s < samples; s++) {
                    int r = i * samples + s;
                    double logPxz = -Host.get(a.rowSums, r);
                    double logPz = 0;
                    double logQz = 0;
                    for (int j = r * k; j < (r + 1) * k; j++) {
                        double z = Host.get(a.z, j);
                        double eps = Host.get(a.eps, j);
                        logPz += -0.5 * z * z - 0.5 * LOG_2PI;
                        logQz += -0.5 * eps * eps - 0.5 * LOG_2PI - 0.5 * logVar[i * k + j % k];
                    }
                    logW[s] = logPxz + logPz - logQz;
                    max = Math.max(max, logW[s]);
                }
                double sum = 0;
                for (double w : logW) {
                    sum += Math.exp(w - max);
                }
                out[start + i] = -(max + Math.log(sum) - Math.log(samples));
            }
            if (a != full) {
                a.release();
            }
        }
        if (full != null) {
            full.release();
        }
        return out;
    }
}
