package org.latentexplorer.model;

import java.util.random.RandomGenerator;

import org.latentexplorer.data.ImageSet;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A batch of exactly n images and all the arrays one forward and backward pass over it needs,
 * allocated once. The training loop fills it, asks for the loss terms, then for the gradient.
 */
public final class NetworkBatch {
    private final Network vae;
    private final Activations a;
    private final float[] staging;
    private final Network.Layers gradient;

    /** A batch for measuring only (no gradient). */
    public NetworkBatch(Network vae, int n) {
        this(vae, n, null);
    }

    /**
     * @param gradient flat vector shaped like {@link Network#params()} that {@link #backward} writes,
     *                 or null for a batch that is only measured
     */
    public NetworkBatch(Network vae, int n, INDArray gradient) {
        if (n < 1) {
            throw new IllegalArgumentException("a batch needs at least one image");
        }
        this.vae = vae;
        this.a = vae.newActivations(n, gradient != null);
        this.staging = new float[n * vae.config().inputSize()];
        this.gradient = gradient == null ? null : vae.views(gradient);
    }

    public int capacity() {
        return a.n;
    }

    /** Loads images start .. start+n-1 of the set, n = capacity(). */
    public void load(ImageSet images, int start, int n) {
        checkFits(images, n);
        int d = images.imageSize();
        for (int i = 0; i < n; i++) {
            images.copyScaled(start + i, staging, i * d);
        }
        Host.write(a.x, staging, n * d);
    }

    /** Loads images order[from .. from+n-1] of the set, n = capacity(). */
    public void load(ImageSet images, int[] order, int from, int n) {
        checkFits(images, n);
        int d = images.imageSize();
        for (int i = 0; i < n; i++) {
            images.copyScaled(order[from + i], staging, i * d);
        }
        Host.write(a.x, staging, n * d);
    }

    private void checkFits(ImageSet images, int n) {
        if (n != a.n) {
            throw new IllegalArgumentException("this batch holds " + a.n + " images, not " + n);
        }
        if (images.imageSize() != vae.config().inputSize()) {
            throw new IllegalArgumentException(images.source() + ": images have " + images.imageSize()
                    + " pixels (" + images.rows() + " x " + images.cols() + ") but the model expects "
                    + vae.config().inputSize() + " (" + vae.config().rows() + " x " + vae.config().cols() + ")");
        }
    }

    /** Draws eps, runs the forward pass and returns the summed recon and KL terms. */
    public Network.BatchTerms terms(RandomGenerator rng) {
        return vae.terms(a, rng, true);
    }

    /** Gradient of mean(recon + beta KL) of the last {@link #terms} call into the gradient vector. */
    public void backward(double beta) {
        if (gradient == null) {
            throw new IllegalStateException("this batch was made for measuring only");
        }
        vae.backward(a, beta, gradient);
    }

    /** Images start .. start+n-1 as a new [n, D] array with pixels in [0, 1]. */
    public static INDArray pixels(ImageSet images, int start, int n) {
        int d = images.imageSize();
        float[] px = new float[n * d];
        for (int i = 0; i < n; i++) {
            images.copyScaled(start + i, px, i * d);
        }
        return Nd4j.create(px, new long[] {n, d}, 'c');
    }
}
