package org.latentexplorer.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
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
 * precision, for every parameter of a small network: every model kind with every term of its loss
 * (its penalty weighted by a value other than 1), every likelihood, and the activation functions
 * and decoder shapes of imported networks.
 */
class NetworkGradientTest {
    private static final ActivationFunction TANH = ActivationFunction.parse("tanh");

    static List<Arguments> cases() {
        List<Arguments> cases = new ArrayList<>();
        List<ModelKind> kinds = List.of(new Vae(2.5), new Vae(0), new PlainAutoencoder(), new SparseAutoencoder(0.7),
                new DenoisingAutoencoder(0.3), new ProbabilisticAutoencoder(0), new ProbabilisticAutoencoder(0.4));
        for (ModelKind kind : kinds) {
            for (Likelihood likelihood : List.of(Bernoulli.INSTANCE, new Gaussian(0.3))) {
                cases.add(Arguments.of(kind.describe() + ", " + likelihood.describe(),
                        ModelConfig.of(kind, 3, 4, List.of(6, 5), 2, likelihood)));
            }
        }
        for (ModelKind kind : List.of(new LinearAutoencoder(), new Pca())) {
            cases.add(Arguments.of(kind.describe(), ModelConfig.of(kind, 3, 4, List.of(), 2, SquaredError.INSTANCE)));
        }
        for (String act : List.of("tanh", "sigmoid", "elu(0.7)", "leakyrelu(0.01)", "identity")) {
            cases.add(Arguments.of("imported VAE, " + act + ", learned variance", new ModelConfig(3, 4, List.of(6),
                    List.of(5, 4), 2, ActivationFunction.parse(act), TANH, new LearnedGaussian(TANH), new Vae(1))));
        }
        cases.add(Arguments.of("imported VAE, relu, learned variance, identity output", new ModelConfig(3, 4,
                List.of(6, 5), List.of(7), 3, ActivationFunction.RELU, ActivationFunction.IDENTITY,
                new LearnedGaussian(ActivationFunction.IDENTITY), new Vae(1.5))));
        cases.add(Arguments.of("imported VAE, elu, Bernoulli", new ModelConfig(3, 4, List.of(6), List.of(5), 2,
                ActivationFunction.parse("elu"), ActivationFunction.parse("sigmoid"), Bernoulli.INSTANCE, new Vae(1))));
        return cases;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void backwardMatchesFiniteDifferencesForEveryParameter(String name, ModelConfig config) {
        Network net = new Network(config, DataType.DOUBLE, 11);
        ModelKind kind = config.kind();
        double weight = kind.penaltyWeight();
        int n = 3;
        Activations a = net.newActivations(n, true);
        fillPixels(a.x, 5);

        double loss0 = loss(net, a, weight);
        INDArray grad = Nd4j.create(DataType.DOUBLE, 1, config.parameterCount());
        net.backward(a, kind, weight, net.views(grad));

        INDArray p = net.params();
        double h = 1e-6;
        double worst = 0;
        for (long i = 0; i < p.length(); i++) {
            double old = p.getDouble(0, i);
            p.putScalar(0, i, old + h);
            double up = loss(net, a, weight);
            p.putScalar(0, i, old - h);
            double down = loss(net, a, weight);
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
    void everyLayerGetsAGradient(String name, ModelConfig config) {
        Network net = new Network(config, DataType.DOUBLE, 3);
        Activations a = net.newActivations(4, true);
        fillPixels(a.x, 9);
        double weight = config.kind().penaltyWeight();
        loss(net, a, weight);
        INDArray grad = Nd4j.create(DataType.DOUBLE, 1, config.parameterCount());
        net.backward(a, config.kind(), weight, net.views(grad));
        for (ParamTensor t : config.layout()) {
            if (t.name().endsWith(".W")) {
                INDArray g = grad.get(org.nd4j.linalg.indexing.NDArrayIndex.point(0),
                        org.nd4j.linalg.indexing.NDArrayIndex.interval(t.offset(), t.offset() + t.size()));
                assertTrue(g.norm2Number().doubleValue() > 0, t.name() + " gets a gradient");
            }
        }
    }

    /** mean(recon + weight * penalty) with the same noise every call. */
    private static double loss(Network net, Activations a, double weight) {
        Network.BatchTerms t = net.terms(a, net.kind(), new SplittableRandom(42), true);
        return (t.reconSum() + weight * t.penaltySum()) / t.n();
    }

    private static void fillPixels(INDArray x, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        for (long i = 0; i < x.length(); i++) {
            double v = r.nextDouble();
            x.putScalar(i, v < 0.2 ? 0 : v > 0.8 ? 1 : v);
        }
    }
}
