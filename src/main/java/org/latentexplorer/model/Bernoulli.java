package org.latentexplorer.model;

import java.util.random.RandomGenerator;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.MulOp;
import org.nd4j.linalg.api.ops.impl.transforms.same.Abs;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Exp;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Log1p;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Sigmoid;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Each pixel is Bernoulli with mean sigmoid(l), l the decoder's logit: recon = the summed binary
 * cross-entropy, -log p(x|z) = sum softplus(l) - x l, in nats.
 */
public final class Bernoulli extends Likelihood {
    public static final Bernoulli INSTANCE = new Bernoulli();

    private Bernoulli() {
    }

    @Override
    public String id() {
        return "bernoulli";
    }

    @Override
    public String describe() {
        return "Bernoulli";
    }

    /** sum softplus(l) - x l, with softplus(l) = relu(l) + log1p(exp(-|l|)) so that large logits do not overflow. */
    @Override
    void reconPerImage(Activations a) {
        INDArray s = a.scratch;
        INDArray l = a.logits;
        INDArray sums = a.rowSums;
        Nd4j.exec(new Abs(l, s));
        Blas.gemv(s, false, a.onesCol, sums, 0.5, 0.0);             // sum |l| / 2
        Blas.gemv(l, false, a.onesCol, sums, 0.5, 1.0);             // + sum l / 2 = sum relu(l)
        s.negi();
        Nd4j.exec(new Exp(s, s));
        Nd4j.exec(new Log1p(s, s));
        Blas.gemv(s, false, a.onesCol, sums, 1.0, 1.0);             // + sum log1p(exp(-|l|))
        Nd4j.exec(new MulOp(a.x, l, s));
        Blas.gemv(s, false, a.onesCol, sums, -1.0, 1.0);            // - sum x l
    }

    /** d/dl (softplus(l) - x l) = sigmoid(l) - x. */
    @Override
    void outputDelta(Activations a) {
        Nd4j.exec(new Sigmoid(a.logits, a.dLogits));
        a.dLogits.subi(a.x);
    }

    @Override
    void means(INDArray output, INDArray out) {
        Nd4j.exec(new Sigmoid(output, out));
    }

    /** Pixels are 0 or 1. */
    @Override
    void sample(INDArray output, float[] px, RandomGenerator rng) {
        for (int i = 0; i < px.length; i++) {
            px[i] = rng.nextDouble() < px[i] ? 1 : 0;
        }
    }
}
