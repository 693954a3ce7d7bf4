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
    private final Network network;
    private final Activations a;
    private final float[] staging;
    private final Network.Layers gradient;

    /** A batch for measuring only (no gradient). */
    public NetworkBatch(Network network, int n) {
        this(network, n, null);
    }

    /**
     * @param gradient flat vector shaped like {@link Network#params()} that {@link #backward} writes,
     *                 or null for a batch that is only measured
     */
    public NetworkBatch(Network network, int n, INDArray gradient) {
        if (n < 1) {
            throw new IllegalArgumentException("a batch needs at least one image");
        }
        this.network = network;
        this.a = network.newActivations(n, gradient != null);
        this.staging = new float[n * network.config().inputSize()];
        this.gradient = gradient == null ? null : network.views(gradient);
    }

    public int capacity() {
        return a.n;
    }

    /** Frees the batch's native arrays now; the batch must not be used afterwards. */
    public void release() {
        a.release();
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
        if (images.imageSize() != network.config().inputSize()) {
            throw new IllegalArgumentException(images.source() + ": images have " + images.imageSize()
                    + " pixels (" + images.rows() + " x " + images.cols() + ") but the model expects "
                    + network.config().inputSize() + " (" + network.config().rows() + " x " + network.config().cols() + ")");
        }
    }

    /**
     * Runs the forward pass under kind's objective (a kind of the network's family, with the
     * hyper-parameters of the moment), drawing its noise from rng, and returns the summed terms.
     */
    public Network.BatchTerms terms(ModelKind kind, RandomGenerator rng) {
        return network.terms(a, kind, rng, true);
    }

    /** As {@link #terms(ModelKind, RandomGenerator)} under the network's own kind. */
    public Network.BatchTerms terms(RandomGenerator rng) {
        return terms(network.kind(), rng);
    }

    /** Gradient of mean(recon + weight * penalty) of the last {@link #terms} call into the gradient vector. */
    public void backward(ModelKind kind, double weight) {
        if (gradient == null) {
            throw new IllegalStateException("this batch was made for measuring only");
        }
        network.backward(a, kind, weight, gradient);
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
