package org.latentexplorer.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Every loss term of every kind and likelihood against its formula, computed here from the
 * network's own outputs (logits, codes, noise) with plain Java arithmetic. Finite differences
 * cannot see a wrong constant; these can.
 */
class LossTermsTest {
    private static final int N = 5;
    private static final double LOG_2PI = Math.log(2 * Math.PI);

    /** One forward pass over N random images: the arrays it left and the terms it returned. */
    private record Pass(Activations a, Network.BatchTerms t) {
    }

    private static Pass forward(ModelConfig config, long seed) {
        Network net = new Network(config, DataType.DOUBLE, seed);
        Activations a = net.newActivations(N, false);
        SplittableRandom r = new SplittableRandom(seed + 100);
        for (long i = 0; i < a.x.length(); i++) {
            double v = r.nextDouble();
            a.x.putScalar(i, v < 0.3 ? 0 : v > 0.8 ? 1 : v);
        }
        return new Pass(a, net.terms(a, config.kind(), new SplittableRandom(seed), true));
    }

    private static double get(INDArray a, int i, int j) {
        return a.getDouble(i, j);
    }

    private static double sigmoid(double l) {
        return 1 / (1 + Math.exp(-l));
    }

    private static ModelConfig config(ModelKind kind, Likelihood likelihood) {
        return ModelConfig.of(kind, 3, 4, List.of(6, 5), 2, likelihood);
    }

    // ------------------------------------------------------------------------------ reconstruction

    @Test
    void bernoulliReconIsTheSummedBinaryCrossEntropyOfTheMeans() {
        Pass pass = forward(config(new PlainAutoencoder(), Bernoulli.INSTANCE), 1);
        Activations a = pass.a();
        double want = 0;
        for (int i = 0; i < N; i++) {
            for (int p = 0; p < 12; p++) {
                double x = get(a.x, i, p);
                double m = sigmoid(get(a.logits, i, p));
                want -= x * Math.log(m) + (1 - x) * Math.log(1 - m);
            }
        }
        assertEquals(want, pass.t().reconSum(), 1e-9 * want);
    }

    @Test
    void gaussianReconIsTheNegativeLogDensityWithItsNormalisingConstant() {
        double sigma = 0.3;
        Pass pass = forward(config(new PlainAutoencoder(), new Gaussian(sigma)), 2);
        Activations a = pass.a();
        double want = 0;
        for (int i = 0; i < N; i++) {
            for (int p = 0; p < 12; p++) {
                double x = get(a.x, i, p);
                double m = sigmoid(get(a.logits, i, p));
                // -log N(x; m, sigma^2), pixel by pixel
                want += 0.5 * LOG_2PI + Math.log(sigma) + (x - m) * (x - m) / (2 * sigma * sigma);
            }
        }
        assertEquals(want, pass.t().reconSum(), 1e-9 * Math.abs(want));
        assertNotEquals(0, 12 * N * (0.5 * LOG_2PI + Math.log(sigma)), "the constant is not zero here, so it is checked");
    }

    @Test
    void learnedGaussianReconUsesEachPixelsOwnVariance() {
        ActivationFunction tanh = ActivationFunction.parse("tanh");
        ModelConfig c = new ModelConfig(3, 4, List.of(6), List.of(5), 2, ActivationFunction.RELU, ActivationFunction.IDENTITY,
                new LearnedGaussian(tanh), new Vae(1));
        Pass pass = forward(c, 3);
        Activations a = pass.a();
        double want = 0;
        for (int i = 0; i < N; i++) {
            for (int p = 0; p < 12; p++) {
                double x = get(a.x, i, p);
                double mu = Math.tanh(get(a.logits, i, p));
                double lv = Math.tanh(get(a.logits, i, 12 + p));
                want += 0.5 * LOG_2PI + 0.5 * lv + (x - mu) * (x - mu) / (2 * Math.exp(lv));
            }
        }
        assertEquals(want, pass.t().reconSum(), 1e-9 * Math.abs(want));
    }

    @Test
    void squaredErrorIsTheSumOfSquaredPixelDifferencesOfTheIdentityOutput() {
        Pass pass = forward(ModelConfig.of(new LinearAutoencoder(), 3, 4, List.of(), 2, SquaredError.INSTANCE), 4);
        Activations a = pass.a();
        double want = 0;
        for (int i = 0; i < N; i++) {
            for (int p = 0; p < 12; p++) {
                double d = get(a.x, i, p) - get(a.logits, i, p);
                want += d * d;
            }
        }
        assertEquals(want, pass.t().reconSum(), 1e-9 * want);
        assertEquals(0.0, pass.t().penaltySum());
    }

    // ------------------------------------------------------------------------------------ penalties

    @Test
    void vaeKlIsTheClosedFormKlOfItsGaussianAndZIsReparameterised() {
        Pass pass = forward(config(new Vae(2), Bernoulli.INSTANCE), 5);
        Activations a = pass.a();
        double want = 0;
        for (int i = 0; i < N; i++) {
            for (int j = 0; j < 2; j++) {
                double mu = get(a.mu, i, j);
                double sigma = Math.exp(0.5 * get(a.logVar, i, j));
                // KL(N(mu, sigma^2) || N(0, 1)) = log(1 / sigma) + (sigma^2 + mu^2) / 2 - 1/2
                want += -Math.log(sigma) + (sigma * sigma + mu * mu) / 2 - 0.5;
                assertEquals(mu + sigma * get(a.eps, i, j), get(a.z, i, j), 1e-12);
            }
        }
        assertEquals(want, pass.t().penaltySum(), 1e-9 * want);
    }

    @Test
    void sparsePenaltyIsTheL1NormOfTheCodeAndTheCodeIsDeterministic() {
        Pass pass = forward(config(new SparseAutoencoder(0.5), Bernoulli.INSTANCE), 6);
        Activations a = pass.a();
        double want = 0;
        for (int i = 0; i < N; i++) {
            for (int j = 0; j < 2; j++) {
                want += Math.abs(get(a.mu, i, j));
                assertEquals(get(a.mu, i, j), get(a.z, i, j), 0.0);
            }
        }
        assertEquals(want, pass.t().penaltySum(), 1e-12 * want);
    }

    @Test
    void probabilisticCodeIsTheCodePlusUnitNoiseAndItsPenaltyTheSquaredNorm() {
        Pass pass = forward(config(new ProbabilisticAutoencoder(0.3), Bernoulli.INSTANCE), 7);
        Activations a = pass.a();
        double want = 0;
        for (int i = 0; i < N; i++) {
            for (int j = 0; j < 2; j++) {
                double f = get(a.mu, i, j);
                want += f * f;
                assertEquals(f + get(a.eps, i, j), get(a.z, i, j), 1e-12);
            }
        }
        assertEquals(want, pass.t().penaltySum(), 1e-12 * want);
    }

    @Test
    void denoisingEncodesANoisyCopyButReconstructsTheCleanImage() {
        double noise = 0.4;
        ModelConfig c = config(new DenoisingAutoencoder(noise), Bernoulli.INSTANCE);
        Network net = new Network(c, DataType.DOUBLE, 8);
        Activations a = net.newActivations(200, false);
        SplittableRandom r = new SplittableRandom(9);
        for (long i = 0; i < a.x.length(); i++) {
            a.x.putScalar(i, r.nextDouble());
        }
        Network.BatchTerms t = net.terms(a, c.kind(), new SplittableRandom(10), true);
        INDArray diff = a.input.sub(a.x);
        assertEquals(0, diff.meanNumber().doubleValue(), 0.02, "the noise has mean 0");
        assertEquals(noise, diff.stdNumber().doubleValue(), 0.02, "and standard deviation sigma_n");
        double want = 0;
        for (int i = 0; i < 200; i++) {
            for (int p = 0; p < 12; p++) {
                double x = get(a.x, i, p);
                double m = sigmoid(get(a.logits, i, p));
                want -= x * Math.log(m) + (1 - x) * Math.log(1 - m);
            }
        }
        assertEquals(want, t.reconSum(), 1e-9 * want, "recon compares with the clean x");
        assertEquals(0.0, t.penaltySum());
        // Without sampling (inference) the encoder sees the image itself.
        net.terms(a, c.kind(), new SplittableRandom(10), false);
        assertTrue(a.input == a.x);
    }

    @Test
    void kindsWithoutAPenaltyReportNoneAndTheirObjectiveIsTheirReconstruction() {
        for (ModelKind k : List.of(new PlainAutoencoder(), new DenoisingAutoencoder(0.1))) {
            assertTrue(k.penalty().isEmpty());
            assertEquals(0.0, k.penaltyWeight());
            assertTrue(!k.hasPrior());
        }
        assertTrue(new Vae(1).hasPrior(), "only the VAE has a prior");
        for (ModelKind k : ModelKinds.all()) {
            assertEquals(k instanceof Vae, k.hasPrior(), k.title());
        }
    }
}
