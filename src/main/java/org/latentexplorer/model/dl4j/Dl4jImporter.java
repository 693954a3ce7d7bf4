package org.latentexplorer.model.dl4j;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.variational.BernoulliReconstructionDistribution;
import org.deeplearning4j.nn.conf.layers.variational.CompositeReconstructionDistribution;
import org.deeplearning4j.nn.conf.layers.variational.GaussianReconstructionDistribution;
import org.deeplearning4j.nn.conf.layers.variational.LossFunctionWrapper;
import org.deeplearning4j.nn.conf.layers.variational.ReconstructionDistribution;
import org.deeplearning4j.nn.conf.layers.variational.VariationalAutoencoder;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.latentexplorer.model.ActivationFunction;
import org.latentexplorer.model.Bernoulli;
import org.latentexplorer.model.LearnedGaussian;
import org.latentexplorer.model.Likelihood;
import org.latentexplorer.model.ModelConfig;
import org.latentexplorer.model.ModelFile;
import org.latentexplorer.model.ModelFileException;
import org.latentexplorer.model.NativeRuntime;
import org.latentexplorer.model.ParamTensor;
import org.latentexplorer.model.SavedModel;
import org.latentexplorer.model.TrainingHistory;
import org.latentexplorer.model.Vae;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationELU;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.activations.impl.ActivationLReLU;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.activations.impl.ActivationSigmoid;
import org.nd4j.linalg.activations.impl.ActivationTanH;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Opens a VAE trained with Deeplearning4j: a {@code ModelSerializer} zip of a
 * {@code MultiLayerNetwork} whose first layer is Deeplearning4j's {@code VariationalAutoencoder}.
 * It becomes an ordinary model of this program (a VAE with beta 1, Deeplearning4j's fixed KL
 * weight), with the same weights, so it can be explored, evaluated, saved as a model file and
 * trained further.
 *
 * <p>The zip is checked first ({@link Dl4jArchive}, {@link Nd4jArrayFraming}); Deeplearning4j's own
 * {@code ModelSerializer} then reads the checked configuration and coefficients (never the updater
 * state: this program starts a fresh Adam). Its layer maps onto {@link ModelConfig} as follows:
 * <pre>
 *   encoderLayerSizes, decoderLayerSizes  encoder, decoder (they need not mirror each other)
 *   nIn = rows x cols, nOut               a square image's pixels, the latent dimension k
 *   activationFn                          activation (ReLU, LeakyReLU(alpha), ELU(alpha), tanh, sigmoid, identity)
 *   pzxActivationFn                       headActivation, applied to mu and to log sigma^2 alike
 *   Bernoulli(sigmoid)                    Bernoulli on the logits
 *   Gaussian(f)                           LearnedGaussian(f): 2D outputs, f on all, D means and D log-variances
 *   e0W e0b ... pZXMeanW pZXMeanb         encoder.0.W encoder.0.b ... mu.W mu.b
 *   pZXLogStd2W pZXLogStd2b               logVar.W logVar.b (Deeplearning4j's head is log sigma^2)
 *   d0W d0b ... pXZW pXZb                 decoder.0.W decoder.0.b ... decoder.N.W decoder.N.b (the output layer)
 * </pre>
 * Refused, each with its reason: anything but a MultiLayerNetwork whose first layer is that VAE;
 * an input preprocessor before it; dropout or weight noise in it; an activation or reconstruction
 * distribution without a counterpart here (hard sigmoid for a Bernoulli, exponential, composite,
 * a loss function); a non-square input; a non-finite parameter. Its numSamples does not matter:
 * it only sets how many samples Deeplearning4j's training averaged. Layers after the first are
 * not used (noted in the model's info).
 */
public final class Dl4jImporter {
    /** The info key that marks an imported model, with the value {@link #FROM}. */
    public static final String IMPORTED_FROM = "imported_from";
    public static final String FROM = "deeplearning4j";
    /** The info key naming the file the model was imported from. */
    public static final String SOURCE = "source";

    private Dl4jImporter() {
    }

    /**
     * Reads the model in a Deeplearning4j zip.
     *
     * @throws ModelFileException naming the file and what is wrong, for anything but such a VAE
     */
    public static SavedModel read(Path file) throws ModelFileException {
        NativeRuntime.configure();
        Dl4jArchive.Contents contents = Dl4jArchive.read(file);
        Nd4jArrayFraming.Array coefficients = Nd4jArrayFraming.check(file, contents.coefficients());
        MultiLayerNetwork net = restore(file, contents);
        try {
            return convert(file, net, coefficients.dataType());
        } catch (RuntimeException e) {
            throw new ModelFileException(file, "Deeplearning4j failed on its own model: " + reason(e), e);
        } finally {
            net.close();
        }
    }

    /**
     * Deeplearning4j's own reader, given a zip of only the checked configuration and coefficients,
     * stored uncompressed, so that it reads exactly the bytes that were checked.
     */
    private static MultiLayerNetwork restore(Path file, Dl4jArchive.Contents contents) throws ModelFileException {
        Buffer clean = new Buffer(contents.configuration().length + contents.coefficients().length + 512);
        try (ZipOutputStream zip = new ZipOutputStream(clean)) {
            stored(zip, Dl4jArchive.CONFIGURATION, contents.configuration());
            stored(zip, Dl4jArchive.COEFFICIENTS, contents.coefficients());
        } catch (IOException e) {
            throw new IllegalStateException("writing to memory cannot fail", e);
        }
        MultiLayerNetwork net;
        try {
            net = ModelSerializer.restoreMultiLayerNetwork(clean.asInput(), false);
        } catch (RuntimeException | IOException | LinkageError | StackOverflowError e) {
            String graph = computationGraph(contents.configuration());
            throw new ModelFileException(file, graph != null ? graph
                    : "Deeplearning4j cannot read it as a MultiLayerNetwork: " + reason(e), e);
        }
        if (net.getLayerWiseConfigurations().getConfs().isEmpty()) {
            String graph = computationGraph(contents.configuration());
            net.close();
            throw new ModelFileException(file, graph != null ? graph : "a Deeplearning4j MultiLayerNetwork without layers");
        }
        return net;
    }

    private static void stored(ZipOutputStream zip, String name, byte[] bytes) throws IOException {
        ZipEntry e = new ZipEntry(name);
        e.setMethod(ZipEntry.STORED);
        e.setSize(bytes.length);
        e.setCompressedSize(bytes.length);
        CRC32 crc = new CRC32();
        crc.update(bytes);
        e.setCrc(crc.getValue());
        zip.putNextEntry(e);
        zip.write(bytes);
        zip.closeEntry();
    }

    /** A message for a ComputationGraph's configuration, or null if it is not one. */
    private static String computationGraph(byte[] json) {
        try {
            ComputationGraphConfiguration g = ComputationGraphConfiguration.fromJson(new String(json,
                    java.nio.charset.StandardCharsets.UTF_8));
            if (g.getNetworkInputs() == null || g.getVertices() == null || g.getVertices().isEmpty()) {
                return null;
            }
            List<String> vertices = new ArrayList<>();
            for (Map.Entry<String, GraphVertex> v : g.getVertices().entrySet()) {
                GraphVertex gv = v.getValue();
                String type = gv instanceof LayerVertex lv && lv.getLayerConf() != null && lv.getLayerConf().getLayer() != null
                        ? lv.getLayerConf().getLayer().getClass().getSimpleName() : gv.getClass().getSimpleName();
                vertices.add(Dl4jArchive.printable(v.getKey()) + ": " + type);
                if (vertices.size() == 4 && g.getVertices().size() > 4) {
                    vertices.add("...");
                    break;
                }
            }
            return "a Deeplearning4j ComputationGraph (" + String.join(", ", vertices) + "), not a MultiLayerNetwork;"
                    + " only a MultiLayerNetwork whose first layer is a VariationalAutoencoder can be opened";
        } catch (RuntimeException | LinkageError | StackOverflowError notAGraph) {
            return null;
        }
    }

    private static SavedModel convert(Path file, MultiLayerNetwork net, String dataType) throws ModelFileException {
        MultiLayerConfiguration mlc = net.getLayerWiseConfigurations();
        int layers = mlc.getConfs().size();
        Layer first = mlc.getConf(0).getLayer();
        if (!(first instanceof VariationalAutoencoder vae)
                || !(net.getLayer(0) instanceof org.deeplearning4j.nn.layers.variational.VariationalAutoencoder)) {
            throw new ModelFileException(file, "a Deeplearning4j MultiLayerNetwork whose first layer is "
                    + simpleName(first) + ", not a VariationalAutoencoder" + (layers > 1 ? " (its layers: "
                    + layerNames(mlc) + ")" : ""));
        }
        InputPreProcessor pre = mlc.getInputPreProcess(0);
        if (pre != null) {
            throw new ModelFileException(file, "its VAE layer has an input preprocessor (" + simpleName(pre)
                    + "); only a VAE fed the image's pixels as one vector can be opened");
        }
        if (vae.getIDropout() != null) {
            throw new ModelFileException(file, "its VAE layer uses dropout (" + simpleName(vae.getIDropout())
                    + "), which has no counterpart here");
        }
        if (vae.getWeightNoise() != null) {
            throw new ModelFileException(file, "its VAE layer uses weight noise (" + simpleName(vae.getWeightNoise())
                    + "), which has no counterpart here");
        }
        ActivationFunction activation = activation(file, "its hidden layers", vae.getActivationFn());
        ActivationFunction head = activation(file, "its q(z|x) heads (pzxActivationFn)", vae.getPzxActivationFn());
        Likelihood likelihood = likelihood(file, vae.getOutputDistribution());
        long nIn = vae.getNIn();
        long side = Math.round(Math.sqrt((double) nIn));
        if (nIn < 1 || side * side != nIn) {
            long below = (long) Math.floor(Math.sqrt((double) Math.max(nIn, 0)));
            throw new ModelFileException(file, String.format(Locale.ROOT,
                    "its VAE takes %,d inputs, which is not a square image (%d x %d = %,d, %d x %d = %,d); only square"
                            + " images can be shown", nIn, below, below, below * below, below + 1, below + 1,
                    (below + 1) * (below + 1)));
        }
        if (side > ModelConfig.MAX_SIDE || vae.getNOut() > ModelConfig.MAX_LATENT) {
            throw new ModelFileException(file, String.format(Locale.ROOT, "its VAE (%,d inputs, %,d latent dimensions)"
                    + " is larger than this program holds (%d x %d images, %d latent dimensions)", nIn, vae.getNOut(),
                    ModelConfig.MAX_SIDE, ModelConfig.MAX_SIDE, ModelConfig.MAX_LATENT));
        }
        ModelConfig config;
        try {
            config = new ModelConfig((int) side, (int) side, widths(vae.getEncoderLayerSizes()),
                    widths(vae.getDecoderLayerSizes()), (int) vae.getNOut(), activation, head, likelihood, new Vae(1));
        } catch (IllegalArgumentException e) {
            throw new ModelFileException(file, "its VAE cannot be held here: " + e.getMessage(), e);
        }
        if (config.parameterCount() > ModelFile.MAX_PARAMETERS) {
            throw new ModelFileException(file, String.format(Locale.ROOT, "its VAE has %,d parameters; at most %,d"
                    + " can be held", config.parameterCount(), ModelFile.MAX_PARAMETERS));
        }
        float[] params = parameters(file, net.getLayer(0), config);

        Map<String, String> info = new LinkedHashMap<>();
        info.put(IMPORTED_FROM, FROM);
        info.put(SOURCE, String.valueOf(file.getFileName()));
        info.put("dl4j_data_type", dataType);
        if (layers > 1) {
            info.put("dl4j_unused_layers", layerNames(mlc).substring(layerNames(mlc).indexOf(',') + 2));
        }
        return new SavedModel(config, params, null, new TrainingHistory(), info);
    }

    /** Each tensor of the layout, copied from the Deeplearning4j parameter of the same role, row-major. */
    private static float[] parameters(Path file, org.deeplearning4j.nn.api.Layer layer, ModelConfig config)
            throws ModelFileException {
        float[] flat = new float[Math.toIntExact(config.parameterCount())];
        int decoderHidden = config.decoder().size();
        for (ParamTensor t : config.layout()) {
            String name = dl4jName(t.name(), decoderHidden);
            INDArray p = layer.getParam(name);
            boolean weight = t.name().endsWith(".W");
            boolean fits = p != null && (weight ? p.rank() == 2 && p.size(0) == t.rows() && p.size(1) == t.cols()
                    : p.length() == t.cols());
            if (!fits) {
                throw new ModelFileException(file, "its parameter " + name + " is " + (p == null ? "missing"
                        : "of shape " + java.util.Arrays.toString(p.shape())) + "; its configuration needs "
                        + (weight ? t.rows() + " x " + t.cols() : Long.toString(t.cols())));
            }
            INDArray rowMajor = Nd4j.toFlattened('c', p);                 // [1, rows x cols], row after row
            float[] values = rowMajor.castTo(DataType.FLOAT).toFloatVector();
            for (int i = 0; i < values.length; i++) {
                if (!Float.isFinite(values[i])) {
                    double original = rowMajor.getDouble((long) i);
                    throw new ModelFileException(file, "its parameter " + name + " (" + t.name() + ") holds "
                            + (Double.isFinite(original) ? original + ", too large for float32," : Float.toString(values[i]))
                            + " at element " + i + "; the model is unusable");
                }
            }
            System.arraycopy(values, 0, flat, Math.toIntExact(t.offset()), values.length);
        }
        return flat;
    }

    /** Deeplearning4j's name for the tensor of the layout named ours. */
    static String dl4jName(String ours, int decoderHidden) {
        String[] part = ours.split("\\.");
        String wb = part[part.length - 1];
        return switch (part[0]) {
            case "encoder" -> "e" + part[1] + wb;
            case "mu" -> "pZXMean" + wb;
            case "logVar" -> "pZXLogStd2" + wb;
            case "decoder" -> Integer.parseInt(part[1]) == decoderHidden ? "pXZ" + wb : "d" + part[1] + wb;
            default -> throw new IllegalArgumentException("no Deeplearning4j parameter for " + ours);
        };
    }

    private static ActivationFunction activation(Path file, String where, IActivation a) throws ModelFileException {
        try {
            if (a instanceof ActivationReLU r) {
                if (r.getMax() == null && zero(r.getThreshold()) && zero(r.getNegativeSlope())) {
                    return ActivationFunction.RELU;
                }
                throw new ModelFileException(file, where + " use a ReLU with a maximum, threshold or negative slope"
                        + " (max " + r.getMax() + ", threshold " + r.getThreshold() + ", negative slope "
                        + r.getNegativeSlope() + "), which has no counterpart here");
            }
            if (a instanceof ActivationLReLU l) {
                return new ActivationFunction(ActivationFunction.Type.LEAKYRELU, l.getAlpha());
            }
            if (a instanceof ActivationELU e) {
                return new ActivationFunction(ActivationFunction.Type.ELU, e.getAlpha());
            }
        } catch (IllegalArgumentException e) {
            throw new ModelFileException(file, where + " use " + a + ": " + e.getMessage(), e);
        }
        if (a instanceof ActivationTanH) {
            return new ActivationFunction(ActivationFunction.Type.TANH, 0);
        }
        if (a instanceof ActivationSigmoid) {
            return new ActivationFunction(ActivationFunction.Type.SIGMOID, 0);
        }
        if (a instanceof ActivationIdentity) {
            return ActivationFunction.IDENTITY;
        }
        throw new ModelFileException(file, where + " use the activation " + activationName(a) + ", which has no"
                + " counterpart here (supported: ReLU, LeakyReLU, ELU, tanh, sigmoid, identity)");
    }

    private static boolean zero(Double d) {
        return d == null || d == 0;
    }

    private static Likelihood likelihood(Path file, ReconstructionDistribution d) throws ModelFileException {
        if (d instanceof BernoulliReconstructionDistribution b) {
            if (b.getActivationFn() instanceof ActivationSigmoid) {
                return Bernoulli.INSTANCE;
            }
            throw new ModelFileException(file, "its Bernoulli reconstruction distribution uses "
                    + activationName(b.getActivationFn()) + "; only sigmoid has a counterpart here");
        }
        if (d instanceof GaussianReconstructionDistribution g) {
            return new LearnedGaussian(activation(file, "its Gaussian reconstruction distribution's means and"
                    + " log-variances", g.getActivationFn()));
        }
        if (d instanceof CompositeReconstructionDistribution) {
            throw new ModelFileException(file, "its reconstruction distribution is a composite (different"
                    + " distributions for parts of the input), which has no counterpart here");
        }
        if (d instanceof LossFunctionWrapper w) {
            throw new ModelFileException(file, "it reconstructs with a loss function (" + w.getLossFunction()
                    + ") instead of a distribution: no likelihood, so no ELBO; not supported");
        }
        throw new ModelFileException(file, "its reconstruction distribution is " + (d == null ? "missing"
                : simpleName(d).replace("ReconstructionDistribution", "")) + ", which has no counterpart here"
                + " (supported: Bernoulli with sigmoid, Gaussian)");
    }

    private static String activationName(IActivation a) {
        return a == null ? "none" : simpleName(a).replaceFirst("^Activation", "");
    }

    private static String simpleName(Object o) {
        return o == null ? "nothing" : o.getClass().getSimpleName();
    }

    private static String layerNames(MultiLayerConfiguration mlc) {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < mlc.getConfs().size(); i++) {
            names.add(simpleName(mlc.getConf(i).getLayer()));
        }
        return String.join(", ", names);
    }

    private static List<Integer> widths(int[] sizes) {
        List<Integer> w = new ArrayList<>();
        if (sizes != null) {
            for (int s : sizes) {
                w.add(s);
            }
        }
        return w;
    }

    /** The most telling message in a chain of causes, on one line. */
    static String reason(Throwable e) {
        String best = null;
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t.getMessage() != null && !t.getMessage().isBlank()) {
                best = t.getMessage();
            }
            if (t instanceof StackOverflowError) {
                return "its configuration nests too deeply";
            }
        }
        return best == null ? e.getClass().getSimpleName() : Dl4jArchive.firstLine(best);
    }

    /** A byte array stream whose bytes are read back without copying them. */
    private static final class Buffer extends ByteArrayOutputStream {
        Buffer(int size) {
            super(size);
        }

        ByteArrayInputStream asInput() {
            return new ByteArrayInputStream(buf, 0, count);
        }
    }
}
