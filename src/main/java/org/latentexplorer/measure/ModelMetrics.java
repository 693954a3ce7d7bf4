package org.latentexplorer.measure;

import org.latentexplorer.data.DataSplit;
import org.latentexplorer.data.ImageSet;
import org.latentexplorer.explore.LatentSpace;
import org.latentexplorer.model.Bernoulli;
import org.latentexplorer.model.ModelKind;
import org.latentexplorer.model.NativeRuntime;
import org.latentexplorer.model.Network;
import org.latentexplorer.train.Evaluation;

/**
 * All the metrics of one model on one data set, each only where it means something for the kind:
 * continuity, completeness and holes for every kind; the posterior's per-dimension KL, active
 * units, mutual information and marginal KL, and the ELBO against the IWAE bound, for a kind with a
 * prior (a VAE); the floor of the reconstruction term where it is a Bernoulli cross-entropy.
 */
public final class ModelMetrics {

    /**
     * @param samples     M, the prior draws decoded for completeness and used for the hole fraction
     * @param seed        for the prior draws and every other random choice
     * @param worst       how many of the samples farthest from the training set to keep
     * @param iwaeSamples K of the IWAE bound
     * @param iwaeImages  how many test images (the first ones) the ELBO and IWAE bounds are measured on
     */
    public record Settings(int samples, long seed, int worst, int iwaeSamples, int iwaeImages) {
        public static final int MAX_SAMPLES = 4096;
        public static final Settings DEFAULT = new Settings(1000, 1, 5, 100, 200);

        public Settings {
            if (samples < 1 || samples > MAX_SAMPLES) {
                throw new IllegalArgumentException("the prior samples must number between 1 and " + MAX_SAMPLES + ", not " + samples);
            }
            if (iwaeSamples < 1 || iwaeImages < 1) {
                throw new IllegalArgumentException("the IWAE bound needs at least one sample and one image, not "
                        + iwaeSamples + " and " + iwaeImages);
            }
            if (worst < 0) {
                throw new IllegalArgumentException("the number of worst samples cannot be negative: " + worst);
            }
        }

        public Settings withSamples(int m) {
            return new Settings(m, seed, worst, iwaeSamples, iwaeImages);
        }

        public Settings withSeed(long s) {
            return new Settings(samples, s, worst, iwaeSamples, iwaeImages);
        }
    }

    /** -ELBO and the IWAE estimate of -log p(x) on the same images, nats per image. */
    public record Bounds(double negElbo, double iwaeNll, int samples, int images) {
        /** -ELBO - (-log p(x)): how loose the ELBO is. */
        public double gap() {
            return negElbo - iwaeNll;
        }
    }

    /** The test set's reconstruction term and its floor, the sum of pixel entropies. */
    public record Floor(double recon, double floor) {
        public double excess() {
            return recon - floor;
        }
    }

    /**
     * @param posterior null unless the kind has a prior and posterior (a VAE)
     * @param bounds    null unless the kind has a prior
     * @param floor     null unless the reconstruction term is a Bernoulli cross-entropy
     * @param qForm     how q(z) was formed for the hole fraction
     * @param seconds   the time the metrics took, data and model already loaded
     */
    public record Report(ModelKind kind, String data, Quantiles continuity, Completeness.Result completeness,
                         Holes.Coverage holes, String qForm, PosteriorStats posterior, Bounds bounds, Floor floor,
                         double seconds) {
    }

    /**
     * What a report starts from, and a window keeps for its hole overlay: the training images'
     * pixels and the aggregate posterior q(z) of their codes. Made once, so that the window does
     * not encode the training set twice per report.
     */
    public record Basis(float[] train, AggregatePosterior q) {
        /** The basis of a network on a data set: its training images, and q(z) over their codes. */
        public static Basis of(Network network, DataSplit data) {
            requireSameSize(network, data);
            float[] train = NetworkModel.pixels(data.train());
            return new Basis(train, AggregatePosterior.of(new NetworkModel(network).encode(train, data.train().count())));
        }
    }

    private ModelMetrics() {
    }

    /** Measures a network on a data set (its training images for q(z) and nearest neighbours, its test images for the rest). */
    public static Report measure(Network network, DataSplit data, Settings s) {
        long start = System.nanoTime();
        Basis basis = Basis.of(network, data);
        try {
            return measure(network, data, basis, s, start);
        } finally {
            basis.q().release();
        }
    }

    /**
     * The same from a basis already made of the same network and data; the basis stays the
     * caller's, q(z) included.
     */
    public static Report measure(Network network, DataSplit data, Basis basis, Settings s) {
        return measure(network, data, basis, s, System.nanoTime());
    }

    private static void requireSameSize(Network network, DataSplit data) {
        if (data.imageSize() != network.config().inputSize()) {
            throw new IllegalArgumentException(data.name() + ": images are " + data.train().rows() + " x "
                    + data.train().cols() + " but the model expects " + network.config().rows() + " x "
                    + network.config().cols());
        }
    }

    private static Report measure(Network network, DataSplit data, Basis basis, Settings s, long start) {
        requireSameSize(network, data);
        if (basis.train().length != data.train().count() * data.imageSize()) {
            throw new IllegalArgumentException("the basis holds " + basis.train().length / data.imageSize()
                    + " training images, the data " + data.train().count());
        }
        NetworkModel model = new NetworkModel(network);
        ModelKind kind = network.kind();
        int k = model.latent();
        float[] train = basis.train();
        float[] test = NetworkModel.pixels(data.test());
        Completeness.Reference reference = Completeness.Reference.ofReconstructions(model, train, data.train().count(),
                test, data.test().count());

        Quantiles continuity = Continuity.overFullView(model);
        float[] draws = LatentSpace.drawFromPrior(s.samples(), k, 1.0, s.seed());
        Completeness.Result completeness = Completeness.measure(model, reference, draws, s.samples(), s.worst());
        reference.release();
        Holes.Coverage holes = Holes.coverage(basis.q(), draws, s.samples());
        String qForm = basis.q().describe();

        PosteriorStats posterior = null;
        Bounds bounds = null;
        if (kind.hasPrior()) {
            posterior = PosteriorStats.of(model.encode(test, data.test().count()), s.seed());
            ImageSet first = data.test().first(s.iwaeImages());
            bounds = new Bounds(Evaluation.terms(network, first).negElbo(), Evaluation.iwae(network, first, s.iwaeSamples()),
                    s.iwaeSamples(), first.count());
        }
        Floor floor = null;
        if (network.config().likelihood() instanceof Bernoulli) {
            floor = new Floor(Evaluation.terms(network, data.test()).recon(), ReconstructionFloor.of(data.test()));
        }
        // The forward-pass arrays kept for the large batches above: about 50 MB the caller rarely needs again.
        network.releaseScratch();
        NativeRuntime.returnFreedMemory();
        double seconds = (System.nanoTime() - start) / 1e9;
        return new Report(kind, data.name(), continuity, completeness, holes, qForm, posterior, bounds, floor, seconds);
    }
}
