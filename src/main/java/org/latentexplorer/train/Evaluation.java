package org.latentexplorer.train;

import java.util.SplittableRandom;

import org.latentexplorer.data.ImageSet;
import org.latentexplorer.model.ImportanceSampler;
import org.latentexplorer.model.ModelKind;
import org.latentexplorer.model.Network;
import org.latentexplorer.model.Host;
import org.latentexplorer.model.NetworkBatch;

/** A model's loss terms and likelihood estimate on a set of images (typically the test set). */
public final class Evaluation {
    private static final int BATCH = 500;

    /**
     * Mean per-image terms of the kind's own objective, with its noise as in training: one
     * z ~ q(z|x) per image for a VAE (so recon + KL is the usual single-sample estimate of the
     * negative ELBO), z = f(x) + eps for the probabilistic autoencoder, a corrupted input for the
     * denoising one.
     *
     * @param penalty the kind's penalty term (KL, L1, L2); NaN for a kind without one
     */
    public record Terms(double recon, double penalty) {
        /** recon + KL: the negative ELBO, meaningful only for a kind with a prior (a VAE). */
        public double negElbo() {
            return recon + penalty;
        }
    }

    private Evaluation() {
    }

    /** Terms over all images under the network's own kind, with noise from a fixed seed so the figure is reproducible. */
    public static Terms terms(Network network, ImageSet images) {
        return terms(network, network.kind(), images);
    }

    /** As {@link #terms(Network, ImageSet)} under kind (the network's kind with other hyper-parameters). */
    public static Terms terms(Network network, ModelKind kind, ImageSet images) {
        Repeated once = new Repeated(network, images);
        try {
            return once.terms(kind);
        } finally {
            once.release();
        }
    }

    /**
     * The terms of one network on one image set, measured again and again with the same batches: a
     * training's test set after every epoch, without new arrays (1.5 MB on the Java heap and the
     * forward pass's native arrays) each time; the denoising kind still corrupts a new copy of
     * each batch. Used by one thread at a time.
     */
    public static final class Repeated {
        private final Network network;
        private final ImageSet images;
        private final NetworkBatch full;
        private NetworkBatch tail;

        public Repeated(Network network, ImageSet images) {
            this.network = network;
            this.images = images;
            this.full = new NetworkBatch(network, Math.min(BATCH, images.count()));
        }

        /** The terms under kind, with noise from a fixed seed so the figure is reproducible. */
        public Terms terms(ModelKind kind) {
            SplittableRandom rng = new SplittableRandom(0x5EED);
            double recon = 0;
            double penalty = 0;
            for (int start = 0; start < images.count(); start += BATCH) {
                int n = Math.min(BATCH, images.count() - start);
                NetworkBatch b = n == full.capacity() ? full : tail(n);
                b.load(images, start, n);
                Network.BatchTerms t = b.terms(kind, rng);
                recon += t.reconSum();
                penalty += t.penaltySum();
            }
            int n = images.count();
            return new Terms(recon / n, kind.penalty().isPresent() ? penalty / n : Double.NaN);
        }

        private NetworkBatch tail(int n) {
            if (tail == null) {
                tail = new NetworkBatch(network, n);
            }
            return tail;
        }

        /** Frees the batches' native arrays now; not to be used afterwards. */
        public void release() {
            full.release();
            if (tail != null) {
                tail.release();
            }
        }
    }

    /**
     * Mean IWAE estimate of -log p(x) with K samples over all images.
     *
     * @throws IllegalArgumentException for a kind without a prior and posterior (anything but a VAE)
     */
    public static double iwae(Network network, ImageSet images, int samples) {
        ImportanceSampler sampler = new ImportanceSampler(network);
        SplittableRandom rng = new SplittableRandom(0x1AAE);
        double total = 0;
        for (int start = 0; start < images.count(); start += BATCH) {
            int n = Math.min(BATCH, images.count() - start);
            org.nd4j.linalg.api.ndarray.INDArray x = NetworkBatch.pixels(images, start, n);
            double[] nll = sampler.negLogLikelihood(x, samples, rng);
            Host.release(x);
            for (double v : nll) {
                total += v;
            }
        }
        return total / images.count();
    }
}
