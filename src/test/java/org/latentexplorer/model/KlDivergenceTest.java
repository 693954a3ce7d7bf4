package org.latentexplorer.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;

/** The closed-form KL term the model uses, checked against its definition. */
class KlDivergenceTest {

    private final ModelConfig config = ModelConfig.of(new Vae(1), 2, 2, List.of(3), 3, Bernoulli.INSTANCE);
    private final Network vae = new Network(config, DataType.DOUBLE, 1);
    private final Vae kind = new Vae(1);

    @Test
    void klIsZeroWhenPosteriorEqualsPrior() {
        Activations a = vae.newActivations(1, false);
        for (int j = 0; j < 3; j++) {
            Host.put(a.mu, j, 0);
            Host.put(a.logVar, j, 0);
        }
        assertEquals(0.0, kind.penaltyOfImage(a, 0), 1e-15);
    }

    @Test
    void klMatchesMonteCarloEstimateOfLogQMinusLogP() {
        double[] mu = {0.7, -1.3, 2.0};
        double[] logVar = {-0.5, 0.8, -2.0};
        Activations a = vae.newActivations(1, false);
        for (int j = 0; j < 3; j++) {
            Host.put(a.mu, j, mu[j]);
            Host.put(a.logVar, j, logVar[j]);
        }
        double closedForm = kind.penaltyOfImage(a, 0);

        // KL(q || p) = E_q[log q(z) - log p(z)], estimated from samples of q.
        SplittableRandom rng = new SplittableRandom(7);
        int samples = 400_000;
        double sum = 0;
        double sumSq = 0;
        for (int s = 0; s < samples; s++) {
            double logRatio = 0;
            for (int j = 0; j < 3; j++) {
                double std = Math.exp(0.5 * logVar[j]);
                double eps = rng.nextGaussian();
                double z = mu[j] + std * eps;
                double logQ = -0.5 * eps * eps - Math.log(std);
                double logP = -0.5 * z * z;
                logRatio += logQ - logP;
            }
            sum += logRatio;
            sumSq += logRatio * logRatio;
        }
        double mean = sum / samples;
        double stdErr = Math.sqrt((sumSq / samples - mean * mean) / samples);
        assertTrue(closedForm > 1, "a posterior far from the prior has a large KL: " + closedForm);
        assertEquals(mean, closedForm, 4 * stdErr, "Monte Carlo " + mean + " +- " + stdErr);
    }

    @Test
    void klGrowsWithDistanceOfTheMeanFromZero() {
        Activations a = vae.newActivations(2, false);
        for (int j = 0; j < 3; j++) {
            Host.put(a.mu, j, 0.5);
            Host.put(a.mu, 3 + j, 1.5);
        }
        assertTrue(kind.penaltyOfImage(a, 1) > kind.penaltyOfImage(a, 0));
        assertEquals(0.5 * 3 * 0.25, kind.penaltyOfImage(a, 0), 1e-12, "0.5 sum mu^2 when logVar = 0");
    }
}
