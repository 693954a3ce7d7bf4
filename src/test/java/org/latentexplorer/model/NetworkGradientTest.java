package org.latentexplorer.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The hand-written backward pass against central finite differences of the loss, in double
 * precision, for every parameter of a small network.
 */
class NetworkGradientTest {

    static List<Arguments> cases() {
        return List.of(
                Arguments.of("Bernoulli VAE, beta 1", Likelihood.BERNOULLI, true, 1.0),
                Arguments.of("Bernoulli VAE, beta 0", Likelihood.BERNOULLI, true, 0.0),
                Arguments.of("Bernoulli VAE, beta 2.5", Likelihood.BERNOULLI, true, 2.5),
                Arguments.of("Gaussian VAE, beta 1", Likelihood.GAUSSIAN, true, 1.0),
                Arguments.of("Bernoulli autoencoder", Likelihood.BERNOULLI, false, 1.0),
                Arguments.of("Gaussian autoencoder", Likelihood.GAUSSIAN, false, 1.0));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void backwardMatchesFiniteDifferencesForEveryParameter(String name, Likelihood likelihood,
                                                           boolean variational, double beta) {
        ModelConfig config = new ModelConfig(3, 4, List.of(6, 5), 2, likelihood, 0.3, variational);
        Network vae = new Network(config, DataType.DOUBLE, 11);
        int n = 3;
        Activations a = vae.newActivations(n, true);
        fillPixels(a.x, 5);

        double loss0 = loss(vae, a, beta);
        INDArray grad = Nd4j.create(DataType.DOUBLE, 1, config.parameterCount());
        vae.backward(a, beta, vae.views(grad));

        INDArray p = vae.params();
        double h = 1e-6;
        double worst = 0;
        for (long i = 0; i < p.length(); i++) {
            double old = p.getDouble(0, i);
            p.putScalar(0, i, old + h);
            double up = loss(vae, a, beta);
            p.putScalar(0, i, old - h);
            double down = loss(vae, a, beta);
            p.putScalar(0, i, old);
            double numeric = (up - down) / (2 * h);
            double analytic = grad.getDouble(0, i);
            double err = Math.abs(numeric - analytic) / Math.max(1e-3, Math.abs(numeric) + Math.abs(analytic));
            worst = Math.max(worst, err);
            assertEquals(numeric, analytic, 1e-5 + 1e-4 * Math.abs(numeric),
                    "parameter " + i + " of " + config.layout());
        }
        assertTrue(Double.isFinite(loss0));
        assertTrue(worst < 1e-4, "worst relative error " + worst);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void gradientIsNotTriviallyZero(String name, Likelihood likelihood, boolean variational, double beta) {
        ModelConfig config = new ModelConfig(3, 4, List.of(6, 5), 2, likelihood, 0.3, variational);
        Network vae = new Network(config, DataType.DOUBLE, 3);
        Activations a = vae.newActivations(4, true);
        fillPixels(a.x, 9);
        loss(vae, a, beta);
        INDArray grad = Nd4j.create(DataType.DOUBLE, 1, config.parameterCount());
        vae.backward(a, beta, vae.views(grad));
        Network.Layers g = vae.views(grad);
        assertTrue(g.encW[0].norm2Number().doubleValue() > 0, "first encoder layer gets a gradient");
        assertTrue(g.decW[2].norm2Number().doubleValue() > 0, "output layer gets a gradient");
        if (variational) {
            assertTrue(g.logVarW.norm2Number().doubleValue() > 0, "logVar head gets a gradient");
        } else {
            assertEquals(0.0, g.logVarW.norm2Number().doubleValue(), "autoencoder ignores logVar");
        }
    }

    /** mean(recon + beta KL) with the same noise every call. */
    private static double loss(Network vae, Activations a, double beta) {
        Network.BatchTerms t = vae.terms(a, new SplittableRandom(42), true);
        return (t.reconSum() + beta * t.klSum()) / t.n();
    }

    private static void fillPixels(INDArray x, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        for (long i = 0; i < x.length(); i++) {
            double v = r.nextDouble();
            x.putScalar(i, v < 0.2 ? 0 : v > 0.8 ? 1 : v);
        }
    }
}
