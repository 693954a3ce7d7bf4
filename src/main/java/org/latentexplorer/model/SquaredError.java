package org.latentexplorer.model;

import java.util.random.RandomGenerator;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The linear models' reconstruction error: the decoder's output x' is the image itself (no
 * sigmoid) and recon = ||x - x'||^2, summed over pixels. It is the error PCA minimises, not a
 * log-likelihood, so it has no noise to draw and is not in nats.
 */
public final class SquaredError extends Likelihood {
    public static final SquaredError INSTANCE = new SquaredError();

    private SquaredError() {
    }

    @Override
    public String id() {
        return "squared-error";
    }

    @Override
    public String describe() {
        return "squared error";
    }

    @Override
    public boolean inNats() {
        return false;
    }

    /** sum (x - x')^2. */
    @Override
    void reconPerImage(Activations a) {
        INDArray s = a.scratch;
        s.assign(a.logits).subi(a.x);
        s.muli(s);
        Blas.gemv(s, false, a.onesCol, a.rowSums, 1.0, 0.0);
    }

    /** d/dx' (x - x')^2 = 2 (x' - x). */
    @Override
    void outputDelta(Activations a) {
        a.dLogits.assign(a.logits).subi(a.x).muli(2);
    }

    @Override
    void means(INDArray output, INDArray out) {
        out.assign(output);
    }

    /** No noise model: a draw is the reconstruction itself, clipped to an image. */
    @Override
    void sample(INDArray output, float[] px, RandomGenerator rng) {
        for (int i = 0; i < px.length; i++) {
            px[i] = clip01(px[i]);
        }
    }
}
