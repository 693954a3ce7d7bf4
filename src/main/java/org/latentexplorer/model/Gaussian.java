package org.latentexplorer.model;

import java.util.random.RandomGenerator;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Sigmoid;
import org.nd4j.linalg.api.ops.impl.transforms.strict.SigmoidDerivative;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Each pixel is Gaussian with mean m = sigmoid(l) and a fixed standard deviation sigma:
 * -log p(x|z) = sum (x - m)^2 / (2 sigma^2) + D/2 log(2 pi sigma^2), in nats (the constant keeps it
 * an exact negative log-likelihood, comparable with the Bernoulli's and addable to a KL).
 */
public final class Gaussian extends Likelihood {
    private final double sigma;

    public Gaussian(double sigma) {
        if (!(sigma > 0) || Double.isInfinite(sigma)) {
            throw new IllegalArgumentException("Gaussian sigma must be a positive number, not " + sigma);
        }
        this.sigma = sigma;
    }

    public double sigma() {
        return sigma;
    }

    @Override
    public String id() {
        return "gaussian";
    }

    @Override
    public String describe() {
        return "Gaussian, \u03c3 = " + ModelKind.format(sigma);
    }

    @Override
    void reconPerImage(Activations a) {
        double sigma2 = sigma * sigma;
        INDArray s = a.scratch;
        Nd4j.exec(new Sigmoid(a.logits, s));
        s.subi(a.x);
        s.muli(s);
        Blas.gemv(s, false, a.onesCol, a.rowSums, 1.0 / (2 * sigma2), 0.0);
        a.rowSums.addi(0.5 * a.x.columns() * Math.log(2 * Math.PI * sigma2));
    }

    /** d/dl (x - m)^2 / (2 sigma^2) = (m - x) m (1 - m) / sigma^2. */
    @Override
    void outputDelta(Activations a) {
        INDArray s = a.scratch;
        Nd4j.exec(new Sigmoid(a.logits, s));                            // m = sigmoid(l)
        s.subi(a.x);                                                    // m - x
        Nd4j.exec(new SigmoidDerivative(a.logits, a.dLogits));          // m (1 - m)
        a.dLogits.muli(s).divi(sigma * sigma);
    }

    @Override
    void means(INDArray output, INDArray out) {
        Nd4j.exec(new Sigmoid(output, out));
    }

    @Override
    void sample(INDArray output, float[] px, RandomGenerator rng) {
        for (int i = 0; i < px.length; i++) {
            px[i] = clip01(px[i] + sigma * rng.nextGaussian());
        }
    }
}
