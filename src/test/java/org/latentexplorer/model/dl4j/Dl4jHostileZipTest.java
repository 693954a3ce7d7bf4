package org.latentexplorer.model.dl4j;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.variational.BernoulliReconstructionDistribution;
import org.deeplearning4j.nn.conf.layers.variational.CompositeReconstructionDistribution;
import org.deeplearning4j.nn.conf.layers.variational.ExponentialReconstructionDistribution;
import org.deeplearning4j.nn.conf.layers.variational.GaussianReconstructionDistribution;
import org.deeplearning4j.nn.conf.layers.variational.VariationalAutoencoder;
import org.deeplearning4j.nn.conf.weightnoise.DropConnect;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.latentexplorer.model.ModelFileException;
import org.latentexplorer.model.ModelFiles;
import org.latentexplorer.model.NativeRuntime;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * Every way a zip can fail to be a Deeplearning4j VAE this program opens, damaged or hostile, ends
 * in one {@link ModelFileException} whose one-line message names the file and says what is wrong,
 * quickly and without inflating or allocating what the archive claims.
 */
class Dl4jHostileZipTest {
    private static final Duration QUICK = Duration.ofSeconds(20);
    private static final long GIB = 1L << 30;

    @TempDir
    static Path shared;
    @TempDir
    Path dir;

    /** The two entries of a real (small, untrained) Deeplearning4j VAE. */
    private static byte[] configuration;
    private static byte[] coefficients;
    private static Path real;

    @BeforeAll
    static void aRealModel() throws IOException {
        real = Dl4jVaes.save(Dl4jVaes.build(small(), 1), shared.resolve("real.zip"));
        Map<String, byte[]> entries = entries(real);
        configuration = entries.get("configuration.json");
        coefficients = entries.get("coefficients.bin");
    }

    private static Dl4jVaes.Spec small() {
        return new Dl4jVaes.Spec("small", 4, new int[] {8}, new int[] {6}, 2, Activation.RELU.getActivationFunction(),
                Activation.IDENTITY.getActivationFunction(), new BernoulliReconstructionDistribution(Activation.SIGMOID));
    }

    @Test
    void theRealModelOpens() throws IOException {
        assertTrue(ModelFiles.read(real).config().describe().startsWith("VAE"));
    }

    // ------------------------------------------------------------------------- not a zip, or not whole

    @Test
    void aFileThatIsNeitherAZipNorAModelFileSaysWhatItStartsWith() throws IOException {
        Path f = Files.writeString(dir.resolve("notes.zip"), "# just some notes\n");
        refused(f, "not a Latent Explorer model file (starts with '# just s'");
    }

    @Test
    void anEmptyFileIsRefused() throws IOException {
        refused(Files.write(dir.resolve("empty.zip"), new byte[0]), "empty file (0 bytes)");
    }

    @Test
    void aMissingFileAndAFolderAreRefused() throws IOException {
        refused(dir.resolve("nothing.zip"), "no such file");
        refused(Files.createDirectory(dir.resolve("folder.zip")), "is a directory");
    }

    @Test
    void anEmptyZipArchiveIsNotAModel() throws IOException {
        Path f = dir.resolve("empty-archive.zip");
        try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(f))) {
            z.finish();
        }
        refused(f, "not a Deeplearning4j model: it holds no configuration.json (it is empty)");
    }

    @Test
    void aZipTruncatedAnywhereIsRefusedAsTruncated() throws IOException {
        byte[] whole = Files.readAllBytes(real);
        for (int cut : new int[] {4, 21, 30, 200, whole.length / 2, whole.length - 23, whole.length - 1}) {
            Path f = Files.write(dir.resolve("cut-" + cut + ".zip"), Arrays.copyOf(whole, cut));
            refused(f, "truncated");
        }
    }

    @Test
    void aDamagedCentralDirectoryIsRefused() throws IOException {
        byte[] b = Files.readAllBytes(real);
        int cen = indexOf(b, new byte[] {'P', 'K', 1, 2}, 0);
        b[cen + 2] = 9;                                 // the first directory entry's signature
        refused(Files.write(dir.resolve("cen.zip"), b), "a damaged zip archive");
    }

    // ------------------------------------------------------------------------------- damaged entries

    @Test
    void aChangedByteInAStoredEntryFailsItsCrc() throws IOException {
        byte[] damaged = coefficients.clone();
        damaged[damaged.length - 5] ^= 0x10;
        Path f = HandZip.write(dir.resolve("crc.zip"), List.of(HandZip.stored("configuration.json", configuration),
                HandZip.stored("coefficients.bin", damaged).withCrc(HandZip.crc(coefficients))));
        refused(f, "coefficients.bin fails its CRC-32 check");
    }

    @Test
    void aChangedByteInADeflatedEntryIsRefusedAsDamaged() throws IOException {
        byte[] b = Files.readAllBytes(real);
        int name = indexOf(b, "coefficients.bin".getBytes(StandardCharsets.US_ASCII), 0);
        b[name + "coefficients.bin".length() + 200] ^= 0x5A;
        refused(Files.write(dir.resolve("flip.zip"), b), "damaged");
    }

    @Test
    void anEntryShorterThanItsRecordIsRefused() throws IOException {
        Path f = HandZip.write(dir.resolve("short.zip"), List.of(HandZip.stored("configuration.json", configuration),
                HandZip.deflated("coefficients.bin", coefficients).withSize(coefficients.length + 100)));
        refused(f, "coefficients.bin holds " + String.format(Locale.ROOT, "%,d", coefficients.length)
                + " bytes but the archive declares");
    }

    // ------------------------------------------------------------------------- sizes, bombs, ratios

    @Test
    void anEntryDeclaringAHugeSizeIsRefusedBeforeAnythingIsAllocated() throws IOException {
        Path f = HandZip.write(dir.resolve("huge.zip"), List.of(HandZip.stored("configuration.json", configuration),
                HandZip.deflated("coefficients.bin", coefficients).withSize(3_000_000_000L)));
        refused(f, "coefficients.bin declares 3,000,000,000 bytes");
    }

    @Test
    void aDeflateBombOfTwoGibibytesIsRefusedWithoutInflatingIt() throws IOException {
        Path f = HandZip.write(dir.resolve("bomb.zip"), List.of(HandZip.stored("configuration.json", configuration),
                HandZip.zeros("coefficients.bin", 2 * GIB)));
        assertTrue(Files.size(f) < 4 << 20, "a small file: " + Files.size(f));
        refused(f, "coefficients.bin declares 2,147,483,648 bytes");
    }

    @Test
    void aBombSmallerThanTheLimitIsRefusedByItsCompressionRatio() throws IOException {
        Path f = HandZip.write(dir.resolve("ratio.zip"), List.of(HandZip.stored("configuration.json", configuration),
                HandZip.zeros("coefficients.bin", GIB)));
        refused(f, "decompression bomb");
    }

    @Test
    void aBombThatUnderstatesItsSizeIsStoppedAtTheStatedSize() throws IOException {
        Path f = HandZip.write(dir.resolve("liar.zip"), List.of(HandZip.zeros("configuration.json", 2 * GIB).withSize(2000),
                HandZip.stored("coefficients.bin", coefficients)));
        refused(f, "configuration.json inflates to more than the 2,000 bytes the archive declares");
    }

    @Test
    void aBombInTheUpdaterStateIsRefusedToo() throws IOException {
        Path f = HandZip.write(dir.resolve("updater.zip"), List.of(HandZip.stored("configuration.json", configuration),
                HandZip.stored("coefficients.bin", coefficients), HandZip.zeros("updaterState.bin", GIB)));
        refused(f, "updaterState.bin declares 1,073,741,824 bytes");
    }

    // --------------------------------------------------------------------------------------- names

    @Test
    void theSameNameTwiceIsRefused() throws IOException {
        Path f = HandZip.write(dir.resolve("twice.zip"), List.of(HandZip.stored("configuration.json", configuration),
                HandZip.stored("coefficients.bin", coefficients), HandZip.stored("coefficients.bin", new byte[10])));
        refused(f, "holds 'coefficients.bin' twice");
    }

    @Test
    void namesThatLeaveTheArchiveAreRefused() throws IOException {
        for (String name : List.of("../configuration.json", "/etc/configuration.json", "a/../../coefficients.bin",
                "C:\\coefficients.bin")) {
            Path f = HandZip.write(dir.resolve("path.zip"), List.of(HandZip.stored(name, configuration),
                    HandZip.stored("coefficients.bin", coefficients)));
            refused(f, "points outside the archive");
        }
    }

    @Test
    void anUnknownEntryIsRefused() throws IOException {
        Path f = HandZip.write(dir.resolve("extra.zip"), List.of(HandZip.stored("configuration.json", configuration),
                HandZip.stored("coefficients.bin", coefficients), HandZip.stored("notes.txt", new byte[] {'h', 'i'})));
        refused(f, "not a Deeplearning4j model: it holds 'notes.txt'");
    }

    /** Deeplearning4j itself would deserialise this entry with ObjectInputStream: it must never see it. */
    @Test
    void aSerialisedJavaObjectIsRefusedAndNeverDeserialised() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(new Gadget());
        }
        Gadget.deserialised = false;
        Path f = HandZip.write(dir.resolve("gadget.zip"), List.of(HandZip.stored("preprocessor.bin", bytes.toByteArray()),
                HandZip.stored("configuration.json", configuration), HandZip.stored("coefficients.bin", coefficients)));
        refused(f, "it holds 'preprocessor.bin'");
        assertFalse(Gadget.deserialised);
    }

    static final class Gadget implements Serializable {
        private static final long serialVersionUID = 1;
        static volatile boolean deserialised;

        private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
            in.defaultReadObject();
            deserialised = true;
        }
    }

    @Test
    void tooManyEntriesAreRefused() throws IOException {
        List<HandZip.Entry> many = new ArrayList<>();
        for (int i = 0; i < 9; i++) {
            many.add(HandZip.stored("e" + i, new byte[] {1}));
        }
        refused(HandZip.write(dir.resolve("many.zip"), many), "a zip archive of 9 entries");
    }

    @Test
    void aNormaliserOrANetworkWithoutParametersIsRefused() throws IOException {
        Path n = HandZip.write(dir.resolve("normalizer.zip"), List.of(HandZip.stored("configuration.json", configuration),
                HandZip.stored("coefficients.bin", coefficients), HandZip.stored("normalizer.bin", new byte[] {1})));
        refused(n, "data normaliser (normalizer.bin)");
        Path p = HandZip.write(dir.resolve("noparams.zip"), List.of(HandZip.stored("configuration.json", configuration),
                HandZip.stored("coefficients.bin", new byte[0]), HandZip.stored("noParams.marker", new byte[0])));
        refused(p, "without parameters");
    }

    // --------------------------------------------------------------------------- the configuration

    @Test
    void aConfigurationThatIsNotJsonIsRefused() throws IOException {
        Path f = HandZip.write(dir.resolve("json.zip"), List.of(HandZip.stored("configuration.json",
                "{\"confs\": [ oops".getBytes(StandardCharsets.UTF_8)), HandZip.stored("coefficients.bin", coefficients)));
        refused(f, "configuration.json is not valid JSON");
    }

    @Test
    void aConfigurationNamingAClassOutsideDeeplearning4jIsRefused() throws IOException {
        String json = new String(configuration, StandardCharsets.UTF_8)
                .replace("org.nd4j.linalg.activations.impl.ActivationReLU", "java.lang.ProcessBuilder");
        Path f = HandZip.write(dir.resolve("class.zip"), List.of(HandZip.stored("configuration.json",
                json.getBytes(StandardCharsets.UTF_8)), HandZip.stored("coefficients.bin", coefficients)));
        refused(f, "names the class 'java.lang.ProcessBuilder', which is not part of Deeplearning4j or ND4J");
    }

    @Test
    void jsonThatDeeplearning4jCannotReadIsRefusedInOneSentence() throws IOException {
        Path f = HandZip.write(dir.resolve("odd.zip"), List.of(HandZip.stored("configuration.json",
                "{\"confs\": 5}".getBytes(StandardCharsets.UTF_8)), HandZip.stored("coefficients.bin", coefficients)));
        refused(f, "Deeplearning4j");
    }

    // ---------------------------------------------------------------------------- the coefficients

    @Test
    void coefficientsDeclaringAHugeArrayAreRefusedBeforeNd4jAllocatesIt() throws IOException {
        byte[] hostile = nd4jArray(1L << 40, 1L << 40, 8);
        Path f = HandZip.write(dir.resolve("array.zip"), List.of(HandZip.stored("configuration.json", configuration),
                HandZip.stored("coefficients.bin", hostile)));
        refused(f, "coefficients.bin is not an ND4J array this program can read: it declares an array of more than");
    }

    @Test
    void coefficientsWithFewerValuesThanDeclaredAreRefused() throws IOException {
        Path f = HandZip.write(dir.resolve("few.zip"), List.of(HandZip.stored("configuration.json", configuration),
                HandZip.stored("coefficients.bin", Arrays.copyOf(coefficients, coefficients.length - 8))));
        refused(f, String.format(Locale.ROOT, "but %,d bytes follow", coefficients.length - 8 - headerBytes()));
    }

    @Test
    void coefficientsOfAnotherNetworkAreRefused() throws IOException {
        byte[] other = entries(Dl4jVaes.save(Dl4jVaes.build(Dl4jVaes.mnistSized(), 1), dir.resolve("other.zip")))
                .get("coefficients.bin");
        Path f = HandZip.write(dir.resolve("mixed.zip"), List.of(HandZip.stored("configuration.json", configuration),
                HandZip.stored("coefficients.bin", other)));
        refused(f, "Deeplearning4j cannot read it as a MultiLayerNetwork");
    }

    @Test
    void aNanInTheCoefficientsIsNamedWithItsParameter() throws IOException {
        MultiLayerNetwork net = Dl4jVaes.build(small(), 2);
        net.getLayer(0).getParam("pZXMeanW").putScalar(3, Float.NaN);
        refused(Dl4jVaes.save(net, dir.resolve("nan.zip")), "its parameter pZXMeanW (mu.W) holds NaN at element");
    }

    // -------------------------------------------------------------------- networks that are not a VAE

    @Test
    void aMultiLayerPerceptronIsNotAVae() throws IOException {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().dataType(DataType.FLOAT).list()
                .layer(new DenseLayer.Builder().nIn(16).nOut(8).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MSE).nIn(8).nOut(3).build()).build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        refused(Dl4jVaes.save(net, dir.resolve("mlp.zip")),
                "a Deeplearning4j MultiLayerNetwork whose first layer is DenseLayer, not a VariationalAutoencoder");
    }

    @Test
    void aComputationGraphIsNamedAsOne() throws IOException {
        NativeRuntime.configure();
        ComputationGraphConfiguration g = new NeuralNetConfiguration.Builder().dataType(DataType.FLOAT).graphBuilder()
                .addInputs("in")
                .addLayer("vae", new VariationalAutoencoder.Builder().nIn(16).nOut(2).encoderLayerSizes(8)
                        .decoderLayerSizes(8).build(), "in")
                .setOutputs("vae").build();
        ComputationGraph cg = new ComputationGraph(g);
        cg.init();
        Path f = dir.resolve("graph.zip");
        ModelSerializer.writeModel(cg, f.toFile(), true);
        refused(f, "a Deeplearning4j ComputationGraph (vae: VariationalAutoencoder), not a MultiLayerNetwork");
    }

    @Test
    void vaesWithoutACounterpartHereAreRefusedNamingWhat() throws IOException {
        Map<String, Consumer<VariationalAutoencoder.Builder>> cases = new LinkedHashMap<>();
        cases.put("the activation SoftPlus", b -> b.activation(Activation.SOFTPLUS));
        cases.put("q(z|x) heads (pzxActivationFn) use the activation Swish", b -> b.pzxActivationFunction(Activation.SWISH));
        cases.put("ReLU with a maximum", b -> b.activation(new ActivationReLU(6.0, 0.0, 0.0)));
        cases.put("Bernoulli reconstruction distribution uses HardSigmoid; only sigmoid", b ->
                b.reconstructionDistribution(new BernoulliReconstructionDistribution(Activation.HARDSIGMOID)));
        cases.put("Gaussian reconstruction distribution's means and log-variances use the activation SoftSign", b ->
                b.reconstructionDistribution(new GaussianReconstructionDistribution(Activation.SOFTSIGN)));
        cases.put("reconstruction distribution is Exponential", b ->
                b.reconstructionDistribution(new ExponentialReconstructionDistribution(Activation.IDENTITY)));
        cases.put("reconstruction distribution is a composite", b -> b.reconstructionDistribution(
                new CompositeReconstructionDistribution.Builder()
                        .addDistribution(8, new BernoulliReconstructionDistribution())
                        .addDistribution(8, new GaussianReconstructionDistribution()).build()));
        cases.put("reconstructs with a loss function", b -> b.lossFunction(Activation.SIGMOID, LossFunctions.LossFunction.MSE));
        cases.put("uses dropout", b -> b.dropOut(0.5));
        cases.put("uses weight noise", b -> b.weightNoise(new DropConnect(0.5)));
        int i = 0;
        for (Map.Entry<String, Consumer<VariationalAutoencoder.Builder>> c : cases.entrySet()) {
            VariationalAutoencoder.Builder b = new VariationalAutoencoder.Builder().nIn(16).nOut(2).encoderLayerSizes(8)
                    .decoderLayerSizes(8);
            c.getValue().accept(b);
            refused(Dl4jVaes.save(network(b), dir.resolve("unsupported-" + i++ + ".zip")), c.getKey());
        }
    }

    @Test
    void aVaeOfNonSquareImagesIsRefused() throws IOException {
        VariationalAutoencoder.Builder b = new VariationalAutoencoder.Builder().nIn(20).nOut(2).encoderLayerSizes(8)
                .decoderLayerSizes(8);
        refused(Dl4jVaes.save(network(b), dir.resolve("wide.zip")),
                "its VAE takes 20 inputs, which is not a square image (4 x 4 = 16, 5 x 5 = 25)");
    }

    // ------------------------------------------------------------------------------------ helpers

    private static MultiLayerNetwork network(VariationalAutoencoder.Builder vae) {
        NativeRuntime.configure();
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().dataType(DataType.FLOAT)
                .list().layer(vae.build()).build());
        net.init();
        return net;
    }

    /** Asserts that opening f fails quickly with one line that names f and contains each fragment. */
    private static void refused(Path f, String... fragments) {
        ModelFileException e = assertTimeoutPreemptively(QUICK,
                () -> assertThrows(ModelFileException.class, () -> ModelFiles.read(f)));
        String m = e.getMessage();
        assertTrue(m.startsWith(f + ": "), "names the file first: " + m);
        assertFalse(m.contains("\n"), "one line: " + m);
        for (String fragment : fragments) {
            assertTrue(m.contains(fragment), "says '" + fragment + "': " + m);
        }
    }

    private static Map<String, byte[]> entries(Path zip) throws IOException {
        Map<String, byte[]> out = new LinkedHashMap<>();
        try (ZipFile z = new ZipFile(zip.toFile())) {
            for (ZipEntry e : java.util.Collections.list(z.entries())) {
                out.put(e.getName(), z.getInputStream(e).readAllBytes());
            }
        }
        return out;
    }

    /** An ND4J binary array header declaring a vector of n FLOAT values, then only the given bytes of values. */
    private static byte[] nd4jArray(long n, long declared, int valueBytes) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(b)) {
            out.writeUTF("MIXED_DATA_TYPES");
            out.writeLong(6);
            out.writeUTF("LONG");
            for (long v : new long[] {1, n, 1, 8192, 1, 'c'}) {
                out.writeLong(v);
            }
            out.writeUTF("MIXED_DATA_TYPES");
            out.writeLong(declared);
            out.writeUTF("FLOAT");
            out.write(new byte[valueBytes]);
        }
        return b.toByteArray();
    }

    /** Bytes before the first value in the real coefficients.bin. */
    private static int headerBytes() throws IOException {
        return nd4jArray(1, 1, 0).length;
    }

    private static int indexOf(byte[] b, byte[] what, int from) {
        outer:
        for (int i = from; i <= b.length - what.length; i++) {
            for (int j = 0; j < what.length; j++) {
                if (b[i + j] != what[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

}
