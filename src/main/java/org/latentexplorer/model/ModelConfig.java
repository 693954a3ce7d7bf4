package org.latentexplorer.model;

import java.util.ArrayList;
import java.util.List;

/**
 * What a model is: its kind (with its hyper-parameters), and the shape of its network, an MLP
 * encoder input -> encoder widths... -> code heads in R^latent and an MLP decoder latent -> decoder
 * widths... -> output, with one activation function between layers.
 *
 * @param rows           image height
 * @param cols           image width
 * @param encoder        the encoder's hidden widths, first to last (none for a linear model)
 * @param decoder        the decoder's hidden widths, first to last (the models trained here mirror
 *                       the encoder; imported ones may not)
 * @param latent         k, the latent dimension
 * @param activation     the function after every hidden layer (ReLU here; others in imported models)
 * @param headActivation the function applied to the code heads, mu and logVar (identity here; an
 *                       imported Deeplearning4j model may have another)
 * @param likelihood     the decoder's distribution p(x|z)
 * @param kind           the model kind and its hyper-parameters
 */
public record ModelConfig(int rows, int cols, List<Integer> encoder, List<Integer> decoder, int latent,
                          ActivationFunction activation, ActivationFunction headActivation,
                          Likelihood likelihood, ModelKind kind) {

    public static final int MAX_SIDE = 1024;
    public static final int MAX_WIDTH = 8192;
    public static final int MAX_LATENT = 256;
    public static final int MAX_LAYERS = 8;
    /** The widths of the lecture's network: 784-512-256-k and back. */
    public static final List<Integer> STANDARD_HIDDEN = List.of(512, 256);

    public ModelConfig {
        encoder = List.copyOf(encoder);
        decoder = List.copyOf(decoder);
        if (rows < 1 || cols < 1 || rows > MAX_SIDE || cols > MAX_SIDE) {
            throw new IllegalArgumentException("image size " + rows + " x " + cols + " is outside 1.." + MAX_SIDE);
        }
        checkWidths("encoder", encoder);
        checkWidths("decoder", decoder);
        if (latent < 1 || latent > MAX_LATENT) {
            throw new IllegalArgumentException("latent dimension " + latent + " is outside 1.." + MAX_LATENT);
        }
        if (activation == null || headActivation == null) {
            throw new IllegalArgumentException("activation function is missing");
        }
        if (likelihood == null) {
            throw new IllegalArgumentException("likelihood is missing");
        }
        if (kind == null) {
            throw new IllegalArgumentException("model kind is missing");
        }
        if (kind.linear()) {
            if (!encoder.isEmpty() || !decoder.isEmpty()) {
                throw new IllegalArgumentException(kind.title() + " is linear: it has no hidden layers, not "
                        + encoder + " and " + decoder);
            }
            if (!(likelihood instanceof SquaredError)) {
                throw new IllegalArgumentException(kind.title() + " is measured by squared error, not " + likelihood.describe());
            }
        } else {
            if (encoder.isEmpty()) {
                throw new IllegalArgumentException(kind.title() + " needs at least one hidden layer in its encoder");
            }
            if (likelihood instanceof SquaredError) {
                throw new IllegalArgumentException("squared error is the linear models' measure; " + kind.title()
                        + " needs a likelihood (Bernoulli or Gaussian)");
            }
        }
    }

    private static void checkWidths(String part, List<Integer> widths) {
        if (widths.size() > MAX_LAYERS) {
            throw new IllegalArgumentException("the " + part + " has " + widths.size() + " hidden layers; at most "
                    + MAX_LAYERS);
        }
        for (int h : widths) {
            if (h < 1 || h > MAX_WIDTH) {
                throw new IllegalArgumentException("hidden layer width " + h + " is outside 1.." + MAX_WIDTH);
            }
        }
    }

    /** The lecture's default model: a VAE (beta 1), 784-512-256-k and back, ReLU, Bernoulli. */
    public static ModelConfig standard(int rows, int cols, int latent) {
        return of(new Vae(1), rows, cols, STANDARD_HIDDEN, latent, Bernoulli.INSTANCE);
    }

    /**
     * A model as trained here: the decoder mirrors the encoder's hidden widths, ReLU between
     * layers. A linear kind takes no hidden widths and the squared error whatever is passed.
     */
    public static ModelConfig of(ModelKind kind, int rows, int cols, List<Integer> hidden, int latent,
                                 Likelihood likelihood) {
        if (kind.linear()) {
            return new ModelConfig(rows, cols, List.of(), List.of(), latent, ActivationFunction.IDENTITY,
                    ActivationFunction.IDENTITY, SquaredError.INSTANCE, kind);
        }
        return new ModelConfig(rows, cols, hidden, reversed(hidden), latent, ActivationFunction.RELU,
                ActivationFunction.IDENTITY, likelihood, kind);
    }

    private static List<Integer> reversed(List<Integer> widths) {
        List<Integer> r = new ArrayList<>(widths);
        java.util.Collections.reverse(r);
        return r;
    }

    /** The same network with another kind of the same family (e.g. a new beta). */
    public ModelConfig withKind(ModelKind k) {
        if (!k.id().equals(kind.id())) {
            throw new IllegalArgumentException(kind.aTitle() + " cannot become " + k.aTitle());
        }
        return new ModelConfig(rows, cols, encoder, decoder, latent, activation, headActivation, likelihood, k);
    }

    /** Same kind and network, whatever the kind's hyper-parameters: weights of one fit the other. */
    public boolean sameNetwork(ModelConfig other) {
        return other.kind.id().equals(kind.id()) && other.withKind(kind).equals(this);
    }

    public int inputSize() {
        return rows * cols;
    }

    /** Width of the decoder's output layer: a pixel each, or two for a learned variance. */
    public int outputSize() {
        return likelihood.outputWidth(inputSize());
    }

    /** Widths of the encoder's dense layers' outputs, after the input, not counting the heads. */
    public int[] encoderWidths() {
        int[] w = new int[encoder.size() + 1];
        w[0] = inputSize();
        for (int i = 0; i < encoder.size(); i++) {
            w[i + 1] = encoder.get(i);
        }
        return w;
    }

    /** Widths of the decoder: latent, hidden..., output. */
    public int[] decoderWidths() {
        int n = decoder.size();
        int[] w = new int[n + 2];
        w[0] = latent;
        for (int i = 0; i < n; i++) {
            w[i + 1] = decoder.get(i);
        }
        w[n + 1] = outputSize();
        return w;
    }

    /** The code heads' names: "mu" and "logVar" for a Gaussian posterior, else "code". */
    public List<String> heads() {
        return kind.code() == ModelKind.Code.GAUSSIAN ? List.of("mu", "logVar") : List.of("code");
    }

    /** Every weight and bias in the order they sit in the flat parameter vector. */
    public List<ParamTensor> layout() {
        return layout(heads());
    }

    /** The layout with the given heads (format version 1 gave every model both mu and logVar). */
    List<ParamTensor> layout(List<String> headNames) {
        List<ParamTensor> out = new ArrayList<>();
        long[] offset = {0};
        int[] enc = encoderWidths();
        for (int i = 0; i + 1 < enc.length; i++) {
            add(out, offset, "encoder." + i, enc[i], enc[i + 1]);
        }
        int last = enc[enc.length - 1];
        for (String head : headNames) {
            add(out, offset, head, last, latent);
        }
        int[] dec = decoderWidths();
        for (int i = 0; i + 1 < dec.length; i++) {
            add(out, offset, "decoder." + i, dec[i], dec[i + 1]);
        }
        return out;
    }

    private static void add(List<ParamTensor> out, long[] offset, String name, int in, int outWidth) {
        out.add(new ParamTensor(name + ".W", in, outWidth, offset[0]));
        offset[0] += (long) in * outWidth;
        out.add(new ParamTensor(name + ".b", 1, outWidth, offset[0]));
        offset[0] += outWidth;
    }

    public long parameterCount() {
        List<ParamTensor> l = layout();
        ParamTensor t = l.get(l.size() - 1);
        return t.offset() + t.size();
    }

    /** Whether the decoder mirrors the encoder, as in the models trained here. */
    public boolean mirrored() {
        return reversed(encoder).equals(decoder);
    }

    /** A short description, e.g. "VAE (\u03b2 = 1) 784-512-256-2, Bernoulli". */
    public String describe() {
        StringBuilder sb = new StringBuilder(kind.describe()).append(' ');
        for (int w : encoderWidths()) {
            sb.append(w).append('-');
        }
        sb.append(latent);
        if (!mirrored()) {
            for (int w : decoder) {
                sb.append('-').append(w);
            }
            sb.append('-').append(inputSize());
        }
        if (!encoder.isEmpty() && !activation.equals(ActivationFunction.RELU)) {
            sb.append(", ").append(activation);
        }
        return sb.append(", ").append(likelihood.describe()).toString();
    }
}
