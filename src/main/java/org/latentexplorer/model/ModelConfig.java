package org.latentexplorer.model;

import java.util.ArrayList;
import java.util.List;

/**
 * The shape of a (beta-)VAE: an MLP encoder input -> hidden... -> (mu, logVar) in R^latent and a
 * mirrored decoder latent -> reversed hidden... -> input, ReLU between layers.
 *
 * @param rows        image height
 * @param cols        image width
 * @param hidden      encoder hidden widths, first to last (the decoder uses them reversed)
 * @param latent      k, the latent dimension
 * @param likelihood  the decoder distribution
 * @param sigma       the fixed standard deviation of the Gaussian decoder (ignored for Bernoulli)
 * @param variational false for a plain deterministic autoencoder: z = mu, no KL term
 */
public record ModelConfig(int rows, int cols, List<Integer> hidden, int latent, Likelihood likelihood,
                        double sigma, boolean variational) {

    public static final int MAX_SIDE = 1024;
    public static final int MAX_WIDTH = 8192;
    public static final int MAX_LATENT = 256;
    public static final int MAX_LAYERS = 8;

    public ModelConfig {
        hidden = List.copyOf(hidden);
        if (rows < 1 || cols < 1 || rows > MAX_SIDE || cols > MAX_SIDE) {
            throw new IllegalArgumentException("image size " + rows + " x " + cols + " is outside 1.." + MAX_SIDE);
        }
        if (hidden.isEmpty() || hidden.size() > MAX_LAYERS) {
            throw new IllegalArgumentException("the encoder needs 1.." + MAX_LAYERS + " hidden layers, not " + hidden.size());
        }
        for (int h : hidden) {
            if (h < 1 || h > MAX_WIDTH) {
                throw new IllegalArgumentException("hidden layer width " + h + " is outside 1.." + MAX_WIDTH);
            }
        }
        if (latent < 1 || latent > MAX_LATENT) {
            throw new IllegalArgumentException("latent dimension " + latent + " is outside 1.." + MAX_LATENT);
        }
        if (likelihood == null) {
            throw new IllegalArgumentException("likelihood is missing");
        }
        if (!(sigma > 0) || Double.isInfinite(sigma)) {
            throw new IllegalArgumentException("Gaussian sigma must be a positive number, not " + sigma);
        }
    }

    /** The default model of the lecture: 784-512-256-k encoder, k-256-512-784 decoder, Bernoulli. */
    public static ModelConfig standard(int rows, int cols, int latent) {
        return new ModelConfig(rows, cols, List.of(512, 256), latent, Likelihood.BERNOULLI, 1.0, true);
    }

    public int inputSize() {
        return rows * cols;
    }

    /** Widths of the encoder's dense layers' outputs, not counting the mu/logVar heads. */
    public int[] encoderWidths() {
        int[] w = new int[hidden.size() + 1];
        w[0] = inputSize();
        for (int i = 0; i < hidden.size(); i++) {
            w[i + 1] = hidden.get(i);
        }
        return w;
    }

    /** Widths of the decoder: latent, reversed hidden..., input. */
    public int[] decoderWidths() {
        int n = hidden.size();
        int[] w = new int[n + 2];
        w[0] = latent;
        for (int i = 0; i < n; i++) {
            w[i + 1] = hidden.get(n - 1 - i);
        }
        w[n + 1] = inputSize();
        return w;
    }

    /** Every weight and bias in the order they sit in the flat parameter vector. */
    public List<ParamTensor> layout() {
        List<ParamTensor> out = new ArrayList<>();
        long[] offset = {0};
        int[] enc = encoderWidths();
        for (int i = 0; i + 1 < enc.length; i++) {
            add(out, offset, "encoder." + i, enc[i], enc[i + 1]);
        }
        int last = enc[enc.length - 1];
        add(out, offset, "mu", last, latent);
        add(out, offset, "logVar", last, latent);
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

    /** A short human description, e.g. "VAE 784-512-256-2, Bernoulli". */
    public String describe() {
        StringBuilder sb = new StringBuilder(variational ? "VAE " : "autoencoder ");
        for (int w : encoderWidths()) {
            sb.append(w).append('-');
        }
        sb.append(latent).append(", ").append(likelihood == Likelihood.BERNOULLI ? "Bernoulli"
                : "Gaussian sigma " + sigma);
        return sb.toString();
    }
}
