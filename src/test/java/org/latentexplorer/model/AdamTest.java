package org.latentexplorer.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Adam's steps against the algorithm computed by hand, bias correction included. */
class AdamTest {

    @Test
    void threeStepsFollowKingmaAndBaWithPyTorchsBiasCorrection() {
        Network net = new Network(ModelConfig.of(new LinearAutoencoder(), 1, 2, List.of(), 1, SquaredError.INSTANCE), 1);
        int n = (int) net.params().length();
        double lr = 0.01;
        Adam adam = new Adam(net, lr);
        double[] p = new double[n];
        double[] m = new double[n];
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            p[i] = 0.1 * (i + 1) - 0.3;
        }
        net.params().assign(Nd4j.createFromArray(p).castTo(DataType.FLOAT).reshape(1, n));
        double[][] grads = new double[3][n];
        for (int t = 0; t < 3; t++) {
            for (int i = 0; i < n; i++) {
                grads[t][i] = (i % 2 == 0 ? 1 : -1) * (0.5 + t) * (i + 1) * 1e-2;
            }
        }
        for (int t = 1; t <= 3; t++) {
            double[] g = grads[t - 1];
            INDArray grad = Nd4j.createFromArray(g).castTo(DataType.FLOAT).reshape(1, n);
            adam.step(net.params(), grad);
            for (int i = 0; i < n; i++) {
                m[i] = 0.9 * m[i] + 0.1 * g[i];
                v[i] = 0.999 * v[i] + 0.001 * g[i] * g[i];
                double mHat = m[i] / (1 - Math.pow(0.9, t));
                double vHat = v[i] / (1 - Math.pow(0.999, t));
                p[i] -= lr * mHat / (Math.sqrt(vHat) + 1e-8);
            }
            for (int i = 0; i < n; i++) {
                assertEquals(p[i], net.params().getDouble(0, i), 1e-6, "parameter " + i + " after step " + t);
            }
        }
        assertEquals(3, adam.iteration());
        // The first step moves every parameter by almost exactly lr, whatever its gradient's size.
        OptimizerState s = adam.save();
        assertEquals(2 * n, s.state().length);
        for (int i = 0; i < n; i++) {
            assertEquals(m[i], s.state()[i], 1e-7);
            assertEquals(v[i], s.state()[n + i], 1e-9);
        }
    }

    @Test
    void theFirstStepHasSizeLearningRateWhateverTheGradientsScale() {
        Network net = new Network(ModelConfig.of(new LinearAutoencoder(), 1, 2, List.of(), 1, SquaredError.INSTANCE), 1);
        int n = (int) net.params().length();
        float[] before = net.paramsToArray();
        INDArray grad = Nd4j.create(DataType.FLOAT, 1, n);
        for (int i = 0; i < n; i++) {
            grad.putScalar(0, i, (i + 1) * Math.pow(10, i - 3));
        }
        new Adam(net, 0.05).step(net.params(), grad);
        float[] after = net.paramsToArray();
        for (int i = 0; i < n; i++) {
            assertEquals(0.05, before[i] - after[i], 1e-5, "bias correction makes step 1 exactly lr: parameter " + i);
        }
    }
}
