package org.latentexplorer.measure;

import org.latentexplorer.data.ImageSet;
import org.latentexplorer.model.Host;
import org.latentexplorer.model.Network;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A trained network seen as a {@link LatentModel}. Its posterior is what its kind says: the learned
 * N(mu, diag(exp(logVar))) of a VAE, a unit spread around f(x) for the probabilistic autoencoder,
 * a point for the others. Uses the network it is given, which belongs to one thread (a window
 * passes a copy).
 */
public final class NetworkModel implements LatentModel {
    private final Network network;

    public NetworkModel(Network network) {
        this.network = network;
    }

    public Network network() {
        return network;
    }

    @Override
    public int latent() {
        return network.config().latent();
    }

    @Override
    public int pixels() {
        return network.config().inputSize();
    }

    @Override
    public Posterior encode(float[] pixels, int count) {
        INDArray x = matrix(pixels, count, pixels());
        Network.Encoding q = network.encode(x);
        int k = latent();
        float[] logVar = null;
        if (q.logVar() != null) {
            logVar = read(q.logVar(), count * k);
        } else if (network.kind().code().hasSpread()) {
            logVar = new float[count * k]; // unit spread: log 1 = 0
        }
        float[] mu = read(q.mu(), count * k);
        Host.release(x, q.mu(), q.logVar());
        return new Posterior(count, k, mu, logVar);
    }

    @Override
    public float[] decode(float[] z, int count) {
        INDArray points = matrix(z, count, latent());
        INDArray means = network.decodeMeans(points);
        float[] out = read(means, count * pixels());
        Host.release(points, means);
        return out;
    }

    /** All images of a set as one array, pixels[i * D + p] in [0, 1]. */
    public static float[] pixels(ImageSet images) {
        int d = images.imageSize();
        float[] px = new float[images.count() * d];
        for (int i = 0; i < images.count(); i++) {
            images.copyScaled(i, px, i * d);
        }
        return px;
    }

    private INDArray matrix(float[] values, int rows, int columns) {
        if (values.length != rows * columns) {
            throw new IllegalArgumentException(rows + " rows of " + columns + " need " + rows * columns + " numbers, not "
                    + values.length);
        }
        INDArray m = Nd4j.create(values, new long[] {rows, columns}, 'c');
        if (m.dataType() == network.dataType()) {
            return m;
        }
        INDArray cast = m.castTo(network.dataType());
        Host.release(m);
        return cast;
    }

    private static float[] read(INDArray a, int length) {
        float[] out = new float[length];
        Host.read(a, out, length);
        return out;
    }
}
