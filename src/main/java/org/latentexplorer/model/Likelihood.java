package org.latentexplorer.model;

import java.util.random.RandomGenerator;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The decoder's distribution p(x|z) over pixel intensities in [0, 1]: how the decoder's output
 * layer becomes a reconstruction term, its gradient, the image's mean and a draw from it. Each one
 * keeps the forward (the term) and the backward (its gradient) side by side.
 */
public abstract class Likelihood {

    Likelihood() {
    }

    /** Its name in model files and on the command line: "bernoulli", "gaussian", ... */
    public abstract String id();

    /** E.g. "Bernoulli", "Gaussian, \u03c3 = 0.1". */
    public abstract String describe();

    /**
     * Whether the reconstruction term is -log p(x|z) in nats. The squared error of the linear
     * models is not a likelihood, so its figures are not nats and must not be added to a KL.
     */
    public boolean inNats() {
        return true;
    }

    /** Width of the decoder's output layer for images of this many pixels. */
    public int outputWidth(int pixels) {
        return pixels;
    }

    /** The reconstruction term of each image, into a.rowSums, from the output a.logits and the images a.x. */
    abstract void reconPerImage(Activations a);

    /** Gradient of the batch's summed reconstruction term with respect to the output, into a.dLogits. */
    abstract void outputDelta(Activations a);

    /** Pixel means E[x|z] [n, D] of the decoder's output [n, outputWidth]. */
    abstract void means(INDArray output, INDArray out);

    /**
     * A draw from p(x|z) for each pixel, given the output and its means (already in px, host order);
     * written back into px, clipped to [0, 1] so it is an image.
     */
    abstract void sample(INDArray output, float[] px, RandomGenerator rng);

    @Override
    public boolean equals(Object o) {
        return o != null && o.getClass() == getClass() && o.toString().equals(toString());
    }

    @Override
    public int hashCode() {
        return toString().hashCode();
    }

    @Override
    public String toString() {
        return describe();
    }

    static float clip01(double v) {
        return (float) Math.min(1, Math.max(0, v));
    }
}
