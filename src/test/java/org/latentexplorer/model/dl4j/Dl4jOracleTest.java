package org.latentexplorer.model.dl4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

import org.deeplearning4j.nn.conf.layers.variational.BernoulliReconstructionDistribution;
import org.deeplearning4j.nn.conf.layers.variational.GaussianReconstructionDistribution;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.latentexplorer.data.ImageSet;
import org.latentexplorer.model.ActivationFunction;
import org.latentexplorer.model.Bernoulli;
import org.latentexplorer.model.LearnedGaussian;
import org.latentexplorer.model.ModelConfig;
import org.latentexplorer.model.ModelFile;
import org.latentexplorer.model.ModelFiles;
import org.latentexplorer.model.Network;
import org.latentexplorer.model.SavedModel;
import org.latentexplorer.model.Vae;
import org.latentexplorer.train.Evaluation;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.activations.impl.ActivationELU;
import org.nd4j.linalg.activations.impl.ActivationLReLU;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Deeplearning4j's VAE layer as the oracle: VAEs of several shapes, activations and decoders are
 * trained by Deeplearning4j inside the test, saved with its ModelSerializer, opened here, and what
 * this program computes with the imported weights is compared with what Deeplearning4j computes
 * with its own, on the same images.
 *
 * <p>Tolerances: the deterministic figures (mu, log sigma^2, decoded means, KL) are the same
 * float32 arithmetic in a different order, so they agree to about 1e-6; they are held to 1e-4
 * (absolute, on values of order 1; relative for the KL). The negative ELBO is a Monte Carlo
 * estimate on both sides (one z per image and repeat), so it is held to four standard errors of the
 * difference of the two means.
 */
class Dl4jOracleTest {
    private static final int IMAGES = 64;
    private static final int ITERATIONS = 30;
    private static final double TOLERANCE = 1e-4;

    @TempDir
    static Path dir;

    static Stream<Dl4jVaes.Spec> specs() {
        return Stream.of(
                new Dl4jVaes.Spec("16-12-2-10-16, relu, bernoulli", 4, new int[] {12}, new int[] {10}, 2,
                        Activation.RELU.getActivationFunction(), Activation.IDENTITY.getActivationFunction(),
                        new BernoulliReconstructionDistribution(Activation.SIGMOID)),
                new Dl4jVaes.Spec("25-20-10-3-8-25, leakyrelu, tanh heads, bernoulli", 5, new int[] {20, 10},
                        new int[] {8}, 3, Activation.LEAKYRELU.getActivationFunction(),
                        Activation.TANH.getActivationFunction(),
                        new BernoulliReconstructionDistribution(Activation.SIGMOID)),
                new Dl4jVaes.Spec("16-16-2-12-14-32, tanh, gaussian(identity)", 4, new int[] {16}, new int[] {12, 14}, 2,
                        Activation.TANH.getActivationFunction(), Activation.IDENTITY.getActivationFunction(),
                        new GaussianReconstructionDistribution(Activation.IDENTITY)),
                new Dl4jVaes.Spec("36-10-8-3-9-72, sigmoid, gaussian(tanh)", 6, new int[] {10, 8}, new int[] {9}, 3,
                        Activation.SIGMOID.getActivationFunction(), Activation.IDENTITY.getActivationFunction(),
                        new GaussianReconstructionDistribution(Activation.TANH)),
                new Dl4jVaes.Spec("16-14-2-14-16, elu(0.7), bernoulli", 4, new int[] {14}, new int[] {14}, 2,
                        new ActivationELU(0.7), Activation.IDENTITY.getActivationFunction(),
                        new BernoulliReconstructionDistribution(Activation.SIGMOID)),
                new Dl4jVaes.Spec("25-12-3-16-50, leakyrelu(0.2), elu heads, gaussian(identity)", 5, new int[] {12},
                        new int[] {16}, 3, new ActivationLReLU(0.2), Activation.ELU.getActivationFunction(),
                        new GaussianReconstructionDistribution(Activation.IDENTITY)));
    }

    /** A trained Deeplearning4j VAE, its zip, the model opened from it, and the images both see. */
    record Case(MultiLayerNetwork net, SavedModel saved, Network ours, ImageSet images, INDArray x) {
    }

    private static final Map<String, Case> CASES = new ConcurrentHashMap<>();

    private static Case of(Dl4jVaes.Spec spec) {
        return CASES.computeIfAbsent(spec.name(), name -> {
            try {
                long seed = 11 + Math.floorMod(name.hashCode(), 1000);
                ImageSet images = Dl4jVaes.blobs(spec.side(), IMAGES, seed);
                MultiLayerNetwork net = Dl4jVaes.trained(spec, images, ITERATIONS, seed);
                Path zip = Dl4jVaes.save(net, dir.resolve(name.replaceAll("[^a-z0-9]+", "-") + ".zip"));
                SavedModel saved = ModelFiles.read(zip);
                return new Case(net, saved, Network.from(saved), images, Dl4jVaes.pixels(images));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("specs")
    void theLayerBecomesTheSameNetworkHere(Dl4jVaes.Spec spec) {
        Case c = of(spec);
        ModelConfig config = c.saved().config();
        assertEquals(spec.side(), config.rows());
        assertEquals(spec.side(), config.cols());
        assertEquals(toList(spec.encoder()), config.encoder());
        assertEquals(toList(spec.decoder()), config.decoder());
        assertEquals(spec.latent(), config.latent());
        assertEquals(new Vae(1), config.kind(), "Deeplearning4j's KL weight is 1");
        boolean bernoulli = spec.distribution() instanceof BernoulliReconstructionDistribution;
        assertEquals(bernoulli ? Bernoulli.class : LearnedGaussian.class, config.likelihood().getClass());
        assertEquals(c.net().numParams(), config.parameterCount(), "every parameter is carried over");
        assertNull(c.saved().optimizer(), "no optimizer state: training here starts a fresh Adam");
        assertEquals(0, c.saved().history().size());
        assertEquals(Dl4jImporter.FROM, c.saved().info().get(Dl4jImporter.IMPORTED_FROM));
        assertTrue(c.saved().info().get(Dl4jImporter.SOURCE).endsWith(".zip"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("specs")
    void encoderMeanIsDeeplearning4jsMeanOfQ(Dl4jVaes.Spec spec) {
        Case c = of(spec);
        INDArray theirs = Dl4jVaes.mu(c.net(), c.x());
        INDArray ours = c.ours().encode(c.x()).mu();
        assertClose(theirs, ours, TOLERANCE, "mu");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("specs")
    void logVarianceIsDeeplearning4jsLogSigmaSquared(Dl4jVaes.Spec spec) {
        Case c = of(spec);
        assertClose(Dl4jVaes.logVar(c.net(), c.x()), c.ours().encode(c.x()).logVar(), TOLERANCE, "logVar");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("specs")
    void klIsTheKlOfDeeplearning4jsHeads(Dl4jVaes.Spec spec) {
        Case c = of(spec);
        double theirs = Dl4jVaes.kl(c.net(), c.x());
        double ours = Evaluation.terms(c.ours(), c.images()).penalty();
        assertTrue(theirs > 0.01, "a trained posterior is not the prior: KL " + theirs);
        assertEquals(theirs, ours, TOLERANCE * Math.abs(theirs) + 1e-6, "KL, nats per image");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("specs")
    void decoderMeansAreDeeplearning4jsGenerateAtMeanGivenZ(Dl4jVaes.Spec spec) {
        Case c = of(spec);
        Nd4j.getRandom().setSeed(5);
        INDArray z = Nd4j.randn(DataType.FLOAT, 50, spec.latent()).muli(2);
        INDArray theirs = Dl4jVaes.decodedMeans(c.net(), z);
        INDArray ours = c.ours().decodeMeans(z);
        assertClose(theirs, ours, TOLERANCE, "decoded means");
    }

    /**
     * Both sides estimate the same mean -ELBO with one z per image: Deeplearning4j's score (mean KL
     * plus the mean -log p(x|z) of one draw) R times, ours on the images repeated R times. With s
     * the spread of one of Deeplearning4j's scores, each mean has standard error s / sqrt(R), their
     * difference s sqrt(2 / R); they must agree within four of those.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("specs")
    void negativeElboAgreesWithDeeplearning4jsScoreWithinMonteCarloError(Dl4jVaes.Spec spec) {
        Case c = of(spec);
        int repeats = 50;
        double[] scores = Dl4jVaes.scores(c.net(), c.x(), repeats, 3);
        double theirs = mean(scores);
        double spread = sd(scores);
        double ours = Evaluation.terms(c.ours(), repeated(c.images(), repeats)).negElbo();
        double tolerance = 4 * spread * Math.sqrt(2.0 / repeats) + 1e-5 * Math.abs(theirs);
        assertTrue(spread > 0, "the scores are random draws");
        assertEquals(theirs, ours, tolerance, String.format("-ELBO: Deeplearning4j %.4f (sd of one score %.4f),"
                + " here %.4f", theirs, spread, ours));
    }

    @Test
    void anImportedModelSavesAsAModelFileAndReadsBackTheSame() throws IOException {
        Case c = of(specs().toList().get(1));
        Path file = dir.resolve("imported.lvae");
        ModelFile.write(file, c.saved());
        SavedModel back = ModelFiles.read(file);
        assertEquals(c.saved().config(), back.config());
        assertArrayEquals(c.saved().params(), back.params());
        assertEquals(c.saved().info(), back.info());
        assertEquals(new ActivationFunction(ActivationFunction.Type.TANH, 0), back.config().headActivation());
    }

    @Test
    void aDoublePrecisionNetworkOpensAsTheSameModelInFloat() throws IOException {
        Dl4jVaes.Spec spec = specs().toList().get(0);
        MultiLayerNetwork net = Dl4jVaes.build(spec, 4).convertDataType(DataType.DOUBLE);
        Path zip = Dl4jVaes.save(net, dir.resolve("double.zip"));
        SavedModel saved = ModelFiles.read(zip);
        assertEquals("DOUBLE", saved.info().get("dl4j_data_type"));
        INDArray x = Dl4jVaes.pixels(Dl4jVaes.blobs(spec.side(), 8, 2));
        assertClose(Dl4jVaes.mu(net, x.castTo(DataType.DOUBLE)).castTo(DataType.FLOAT),
                Network.from(saved).encode(x).mu(), TOLERANCE, "mu");
    }

    @Test
    void aVaeFollowedByOtherLayersOpensAsItsVaeLayerAndSaysWhatIsLeftOut() throws IOException {
        Dl4jVaes.Spec spec = specs().toList().get(0);
        org.deeplearning4j.nn.conf.MultiLayerConfiguration conf = new org.deeplearning4j.nn.conf.NeuralNetConfiguration.Builder()
                .seed(3).dataType(DataType.FLOAT).list()
                .layer(new org.deeplearning4j.nn.conf.layers.variational.VariationalAutoencoder.Builder()
                        .nIn(16).nOut(2).encoderLayerSizes(12).decoderLayerSizes(10)
                        .activation(Activation.RELU).pzxActivationFunction(Activation.IDENTITY)
                        .reconstructionDistribution(spec.distribution()).build())
                .layer(new org.deeplearning4j.nn.conf.layers.OutputLayer.Builder(
                        org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction.MCXENT)
                        .nIn(2).nOut(3).activation(Activation.SOFTMAX).build())
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        SavedModel saved = ModelFiles.read(Dl4jVaes.save(net, dir.resolve("vae-then-classifier.zip")));
        assertEquals("OutputLayer", saved.info().get("dl4j_unused_layers"));
        assertEquals(net.getLayer(0).numParams(), saved.config().parameterCount());
        INDArray x = Dl4jVaes.pixels(Dl4jVaes.blobs(4, 8, 1));
        assertClose(Dl4jVaes.mu(net, x), Network.from(saved).encode(x).mu(), TOLERANCE, "mu");
    }

    // ------------------------------------------------------------------------------------ helpers

    private static void assertClose(INDArray expected, INDArray actual, double tolerance, String what) {
        assertArrayEquals(expected.shape(), actual.shape(), what + " shape");
        double max = expected.castTo(DataType.DOUBLE).sub(actual.castTo(DataType.DOUBLE)).amaxNumber().doubleValue();
        assertTrue(max <= tolerance, what + ": largest difference " + max + " > " + tolerance);
    }

    private static ImageSet repeated(ImageSet images, int times) {
        int size = images.imageSize();
        byte[] px = new byte[images.count() * size * times];
        for (int t = 0; t < times; t++) {
            for (int i = 0; i < images.count(); i++) {
                for (int p = 0; p < size; p++) {
                    px[(t * images.count() + i) * size + p] = (byte) images.pixel(i, p);
                }
            }
        }
        return new ImageSet(images.source(), images.rows(), images.cols(), px, null);
    }

    private static double mean(double[] v) {
        double s = 0;
        for (double d : v) {
            s += d;
        }
        return s / v.length;
    }

    private static double sd(double[] v) {
        double m = mean(v);
        double s = 0;
        for (double d : v) {
            s += (d - m) * (d - m);
        }
        return Math.sqrt(s / (v.length - 1));
    }

    private static List<Integer> toList(int[] a) {
        return java.util.Arrays.stream(a).boxed().toList();
    }
}
