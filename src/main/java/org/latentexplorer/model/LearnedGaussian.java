package org.latentexplorer.model;

import java.util.random.RandomGenerator;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Each pixel is Gaussian with its own mean and log-variance from the decoder, as in
 * Deeplearning4j's GaussianReconstructionDistribution: the output layer has 2D units, an activation
 * f is applied to all of them, the first D are the means mu and the last D the log-variances lv:
 * -log p(x|z) = sum 0.5 log(2 pi) + 0.5 lv + (x - mu)^2 / (2 exp(lv)), in nats.
 */
public final class LearnedGaussian extends Likelihood {
    private static final double HALF_LOG_2PI = 0.5 * Math.log(2 * Math.PI);
    private final ActivationFunction activation;

    public LearnedGaussian(ActivationFunction activation) {
        this.activation = activation;
    }

    public ActivationFunction activation() {
        return activation;
    }

    @Override
    public String id() {
        return "gaussian-learned";
    }

    @Override
    public String describe() {
        return "Gaussian with learned variance, " + activation;
    }

    @Override
    public int outputWidth(int pixels) {
        return 2 * pixels;
    }

    /** f(output): [mu | lv]. */
    private INDArray parameters(INDArray output) {
        INDArray p = output.dup('c');
        activation.forward(p);
        return p;
    }

    private static INDArray half(INDArray p, int which) {
        long d = p.columns() / 2;
        return p.get(NDArrayIndex.all(), NDArrayIndex.interval(which * d, (which + 1) * d));
    }

    @Override
    void reconPerImage(Activations a) {
        INDArray p = parameters(a.logits);
        INDArray mu = half(p, 0);
        INDArray lv = half(p, 1);
        INDArray sq = a.x.sub(mu);
        sq.muli(sq).divi(Transforms.exp(lv, true)).muli(0.5);
        INDArray perImage = sq.sum(1).addi(lv.sum(1).muli(0.5)).addi(HALF_LOG_2PI * a.x.columns());
        a.rowSums.assign(perImage.reshape(a.n, 1));
    }

    /**
     * With s2 = exp(lv): d/dmu = (mu - x) / s2 and d/dlv = 0.5 - (x - mu)^2 / (2 s2), then through f
     * from its outputs.
     */
    @Override
    void outputDelta(Activations a) {
        INDArray p = parameters(a.logits);
        INDArray mu = half(p, 0);
        INDArray lv = half(p, 1);
        INDArray s2 = Transforms.exp(lv, true);
        INDArray diff = mu.sub(a.x);
        half(a.dLogits, 0).assign(diff.div(s2));
        half(a.dLogits, 1).assign(diff.muli(diff).divi(s2).muli(-0.5).addi(0.5));
        activation.backward(p, a.dLogits);
    }

    @Override
    void means(INDArray output, INDArray out) {
        INDArray mu = half(output, 0).dup('c');
        activation.forward(mu);
        out.assign(mu);
    }

    @Override
    void sample(INDArray output, float[] px, RandomGenerator rng) {
        INDArray lv = half(parameters(output), 1).dup('c');
        float[] logVar = new float[px.length];
        Host.read(lv.castTo(org.nd4j.linalg.api.buffer.DataType.FLOAT), logVar, logVar.length);
        for (int i = 0; i < px.length; i++) {
            px[i] = clip01(px[i] + Math.exp(0.5 * logVar[i]) * rng.nextGaussian());
        }
    }
}
