package org.latentexplorer.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The importance-weighted estimate of -log p(x) against its definition and against the exact integral. */
class ImportanceSamplerTest {
    private static final double LOG_2PI = Math.log(2 * Math.PI);

    @Test
    void eachImagesEstimateIsMinusTheLogMeanOfItsImportanceWeights() {
        ModelConfig c = ModelConfig.of(new Vae(1), 2, 2, List.of(3), 2, Bernoulli.INSTANCE);
        Network net = new Network(c, DataType.DOUBLE, 4);
        INDArray x = Nd4j.createFromArray(new double[][] {{0, 1, 1, 0}, {1, 1, 0, 0}, {0.2, 0.9, 0.5, 0}});
        int k = 4;
        double[] got = new ImportanceSampler(net).negLogLikelihood(x, k, new SplittableRandom(77));

        // The same noise, drawn in the sampler's order: image, then sample, then dimension.
        SplittableRandom rng = new SplittableRandom(77);
        Network.Encoding q = net.encode(x);
        for (int i = 0; i < 3; i++) {
            double[] logW = new double[k];
            for (int s = 0; s < k; s++) {
                double[] z = new double[2];
                double logPz = 0;
                double logQz = 0;
                for (int j = 0; j < 2; j++) {
                    double mu = q.mu().getDouble(i, j);
                    double lv = q.logVar().getDouble(i, j);
                    double eps = rng.nextGaussian();
                    z[j] = mu + Math.exp(0.5 * lv) * eps;
                    logPz += -0.5 * z[j] * z[j] - 0.5 * LOG_2PI;
                    // log N(z; mu, exp(lv)) = -(z - mu)^2 / (2 exp(lv)) - log(2 pi) / 2 - lv / 2
                    logQz += -(z[j] - mu) * (z[j] - mu) / (2 * Math.exp(lv)) - 0.5 * LOG_2PI - 0.5 * lv;
                }
                INDArray means = net.decodeMeans(Nd4j.createFromArray(new double[][] {z}));
                double logPxz = 0;
                for (int p = 0; p < 4; p++) {
                    double m = means.getDouble(0, p);
                    double xp = x.getDouble(i, p);
                    logPxz += xp * Math.log(m) + (1 - xp) * Math.log(1 - m);
                }
                logW[s] = logPxz + logPz - logQz;
            }
            double sum = 0;
            for (double w : logW) {
                sum += Math.exp(w);
            }
            double want = -Math.log(sum / k);
            // The sampler keeps mu and logVar in single precision; a missing term would be far larger.
            assertEquals(want, got[i], 1e-6, "image " + i);
        }
    }

    /**
     * With one latent dimension p(x) = integral of p(x|z) N(z; 0, 1) dz can be computed by
     * quadrature; many importance samples approach it from above (the estimate bounds -log p(x)).
     */
    @Test
    void manySamplesApproachTheExactMarginalLikelihood() {
        ModelConfig c = ModelConfig.of(new Vae(1), 2, 3, List.of(4), 1, Bernoulli.INSTANCE);
        Network net = new Network(c, DataType.DOUBLE, 12);
        net.params().muli(3);   // a decoder that depends strongly on z, so p(x) is not trivial
        INDArray x = Nd4j.createFromArray(new double[][] {{1, 0, 1, 1, 0, 0}, {0, 0, 1, 0, 1, 1}});
        int grid = 40_001;
        double lo = -12;
        double step = 24.0 / (grid - 1);
        INDArray zs = Nd4j.create(DataType.DOUBLE, grid, 1);
        for (int g = 0; g < grid; g++) {
            zs.putScalar(g, 0, lo + g * step);
        }
        INDArray means = net.decodeMeans(zs);
        ImportanceSampler sampler = new ImportanceSampler(net);
        for (int i = 0; i < 2; i++) {
            double integral = 0;
            for (int g = 0; g < grid; g++) {
                double z = lo + g * step;
                double logPxz = 0;
                for (int p = 0; p < 6; p++) {
                    double m = means.getDouble(g, p);
                    double xp = x.getDouble(i, p);
                    logPxz += xp * Math.log(m) + (1 - xp) * Math.log(1 - m);
                }
                double w = g == 0 || g == grid - 1 ? 0.5 : 1;
                integral += w * step * Math.exp(logPxz - 0.5 * z * z - 0.5 * LOG_2PI);
            }
            double exact = -Math.log(integral);
            double[] estimates = new double[5];
            for (int r = 0; r < 5; r++) {
                estimates[r] = sampler.negLogLikelihood(x.getRow(i, true), 20_000, new SplittableRandom(5 + 10 * r + i))[0];
            }
            double estimate = java.util.Arrays.stream(estimates).average().orElseThrow();
            double oneSample = 0;
            for (int r = 0; r < 200; r++) {
                oneSample += sampler.negLogLikelihood(x.getRow(i, true), 1, new SplittableRandom(100 + r))[0] / 200;
            }
            // Five estimates of K = 20,000 scatter by about 0.008 nats each around the exact value.
            assertEquals(exact, estimate, 0.01, "image " + i + ": IWAE K = 20,000, mean of five, against quadrature");
            assertTrue(oneSample > estimate + 0.05, "one sample is the looser bound, the negative ELBO: " + oneSample
                    + " vs " + estimate);
        }
    }

    @Test
    void aKindWithoutAPriorIsRefused() {
        Network ae = new Network(ModelConfig.of(new PlainAutoencoder(), 2, 2, List.of(3), 2, Bernoulli.INSTANCE), 1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new ImportanceSampler(ae));
        assertEquals("an autoencoder has no prior p(z) and posterior q(z|x) to estimate -log p(x) with; only a VAE has",
                e.getMessage());
    }
}
