package org.latentexplorer.model.dl4j;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.SplittableRandom;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.variational.BernoulliReconstructionDistribution;
import org.deeplearning4j.nn.conf.layers.variational.ReconstructionDistribution;
import org.deeplearning4j.nn.conf.layers.variational.VariationalAutoencoder;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.deeplearning4j.util.ModelSerializer;
import org.latentexplorer.data.ImageSet;
import org.latentexplorer.model.NativeRuntime;
import org.latentexplorer.model.NetworkBatch;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Deeplearning4j VAEs made and trained inside the tests, in FLOAT, and what Deeplearning4j itself
 * computes with them: the oracle the imported models are compared with.
 */
public final class Dl4jVaes {

    /**
     * One shape of Deeplearning4j VAE.
     *
     * @param side         images are side x side pixels
     * @param activation   between hidden layers
     * @param pzx          Deeplearning4j's pzxActivationFn, on the mean and log sigma^2 heads
     * @param distribution p(x|z)
     */
    public record Spec(String name, int side, int[] encoder, int[] decoder, int latent, IActivation activation,
                       IActivation pzx, ReconstructionDistribution distribution) {
        @Override
        public String toString() {
            return name;
        }
    }

    private Dl4jVaes() {
    }

    public static MultiLayerNetwork build(Spec s, long seed) {
        NativeRuntime.configure();
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder()
                .seed(seed)
                .dataType(DataType.FLOAT)
                .updater(new Adam(1e-2))
                .list()
                .layer(new VariationalAutoencoder.Builder()
                        .nIn((long) s.side() * s.side()).nOut(s.latent())
                        .encoderLayerSizes(s.encoder()).decoderLayerSizes(s.decoder())
                        .activation(s.activation()).pzxActivationFn(s.pzx())
                        .reconstructionDistribution(s.distribution())
                        .build())
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    /** The network trained for some iterations on all images at once, so that its weights are no longer the initial ones. */
    public static MultiLayerNetwork trained(Spec s, ImageSet images, int iterations, long seed) {
        MultiLayerNetwork net = build(s, seed);
        Nd4j.getRandom().setSeed(seed);
        INDArray x = pixels(images);
        for (int i = 0; i < iterations; i++) {
            net.pretrainLayer(0, x);
        }
        return net;
    }

    /** The standard small model the command line and window tests open: 28 x 28 images, Bernoulli, k = 2. */
    public static Spec mnistSized() {
        return new Spec("784-32-2-24-784 relu bernoulli", 28, new int[] {32}, new int[] {24}, 2,
                Activation.RELU.getActivationFunction(), Activation.IDENTITY.getActivationFunction(),
                new BernoulliReconstructionDistribution(Activation.SIGMOID));
    }

    /**
     * {@link #mnistSized()} trained briefly on the shipped MNIST digits and saved: what a user
     * would bring from Deeplearning4j, for the command line and window tests.
     */
    public static Path mnistZip(Path file) throws IOException {
        ImageSet digits;
        try {
            digits = org.latentexplorer.data.Datasets.load("mnist").train().first(256);
        } catch (org.latentexplorer.data.DataException e) {
            throw new IOException(e);
        }
        return save(trained(mnistSized(), digits, 20, 7), file);
    }

    public static Path save(MultiLayerNetwork net, Path file) throws IOException {
        File f = file.toFile();
        ModelSerializer.writeModel(net, f, true);
        return file;
    }

    /** Images as the model sees them, [n, D], pixels in [0, 1]. */
    public static INDArray pixels(ImageSet images) {
        return NetworkBatch.pixels(images, 0, images.count());
    }

    /**
     * Blurry blobs at random places and a little noise: something with structure to learn, as
     * grey levels (as the Bernoulli decoder takes them) in whole 1/255 steps like real images.
     */
    public static ImageSet blobs(int side, int n, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        byte[] px = new byte[n * side * side];
        for (int i = 0; i < n; i++) {
            double cx = rng.nextDouble(0, side);
            double cy = rng.nextDouble(0, side);
            double r = rng.nextDouble(0.8, side / 2.5);
            for (int y = 0; y < side; y++) {
                for (int x = 0; x < side; x++) {
                    double d2 = ((x - cx) * (x - cx) + (y - cy) * (y - cy)) / (r * r);
                    double v = Math.exp(-d2) + 0.05 * rng.nextDouble();
                    px[(i * side + y) * side + x] = (byte) Math.round(255 * Math.min(1, v));
                }
            }
        }
        return new ImageSet("blobs", side, side, px, null);
    }

    // ------------------------------------------------------------------ Deeplearning4j's own numbers

    private static org.deeplearning4j.nn.layers.variational.VariationalAutoencoder layer(MultiLayerNetwork net) {
        return (org.deeplearning4j.nn.layers.variational.VariationalAutoencoder) net.getLayer(0);
    }

    /** The mean of q(z|x), pzxActivationFn applied: Deeplearning4j's activate(). */
    public static INDArray mu(MultiLayerNetwork net, INDArray x) {
        return layer(net).activate(x, false, LayerWorkspaceMgr.noWorkspaces()).dup();
    }

    /**
     * log sigma^2 of q(z|x) as Deeplearning4j computes it: its layer does not return it, so a copy of
     * the network whose mean head holds the log sigma^2 head's parameters computes it through
     * activate(), the same encoder and the same pzxActivationFn.
     */
    public static INDArray logVar(MultiLayerNetwork net, INDArray x) {
        MultiLayerNetwork twin = net.clone();
        twin.getLayer(0).setParam("pZXMeanW", net.getLayer(0).getParam("pZXLogStd2W"));
        twin.getLayer(0).setParam("pZXMeanb", net.getLayer(0).getParam("pZXLogStd2b"));
        return mu(twin, x);
    }

    /**
     * Mean KL(q(z|x) || N(0, I)) over the images, from Deeplearning4j's two heads, in the form its
     * score uses: -0.5 / n * sum(1 + log sigma^2 - mu^2 - sigma^2).
     */
    public static double kl(MultiLayerNetwork net, INDArray x) {
        INDArray mu = mu(net, x).castTo(DataType.DOUBLE);
        INDArray lv = logVar(net, x).castTo(DataType.DOUBLE);
        INDArray t = mu.mul(mu).addi(Transforms.exp(lv, true)).negi().addi(lv).addi(1.0);
        return -0.5 / x.rows() * t.sumNumber().doubleValue();
    }

    /** Decoded means of p(x|z) for latent points z: Deeplearning4j's generateAtMeanGivenZ. */
    public static INDArray decodedMeans(MultiLayerNetwork net, INDArray z) {
        return layer(net).generateAtMeanGivenZ(z).dup();
    }

    /**
     * Deeplearning4j's training score on the images, repeated: each is its own single-sample
     * estimate of the mean negative ELBO (mean KL + mean -log p(x|z) of one z per image, plus a
     * regularisation term that is zero here), from computeGradientAndScore.
     */
    public static double[] scores(MultiLayerNetwork net, INDArray x, int repeats, long seed) {
        var vae = layer(net);
        Nd4j.getRandom().setSeed(seed);
        double[] s = new double[repeats];
        for (int r = 0; r < repeats; r++) {
            vae.setInput(x, LayerWorkspaceMgr.noWorkspaces());
            vae.computeGradientAndScore(LayerWorkspaceMgr.noWorkspaces());
            s[r] = vae.score();
        }
        return s;
    }
}
