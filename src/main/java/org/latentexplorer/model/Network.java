package org.latentexplorer.model;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.scalar.Step;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.AddOp;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.MulOp;
import org.nd4j.linalg.api.ops.impl.transforms.same.Abs;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Exp;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Log1p;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Sigmoid;
import org.nd4j.linalg.api.ops.impl.transforms.strict.SigmoidDerivative;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * A beta-VAE with MLP encoder and decoder, written directly against ND4J's matrix products so
 * that one training iteration runs on preallocated arrays.
 *
 * <pre>
 *   encoder  q(z|x) = N(mu(x), diag(exp(logVar(x))))
 *   sample   z = mu + exp(logVar / 2) * eps,  eps ~ N(0, I)
 *   decoder  p(x|z): Bernoulli(sigmoid(logits(z))) or N(sigmoid(logits(z)), sigma^2 I)
 *   loss     recon + beta * KL,  KL = 0.5 * sum(mu^2 + exp(logVar) - 1 - logVar)
 * </pre>
 *
 * All parameters live in one flat vector (layout: {@link ModelConfig#layout()}), which makes saving,
 * copying and the optimizer step single operations. Not thread-safe: one thread uses an instance;
 * other threads work on a {@link #copy()}.
 */
public final class Network {
    private static final int CACHED_BATCH_SIZES = 4;
    /** Rows per inference pass: bounds the memory of encoding or decoding a large batch. */
    private static final int MAX_CHUNK = 1024;

    static {
        NativeRuntime.configure();
    }

    private final ModelConfig config;
    private final DataType type;
    private final INDArray params;
    private final Layers weights;
    private final Map<Integer, Activations> inference = new LinkedHashMap<>(8, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Integer, Activations> eldest) {
            return size() > CACHED_BATCH_SIZES;
        }
    };

    /**
     * A new network with PyTorch's default initialisation for linear layers: weights and biases
     * uniform in +-1/sqrt(fan_in), so a run matches the reference implementation's start.
     */
    public Network(ModelConfig config, long seed) {
        this(config, DataType.FLOAT, seed);
    }

    /** As {@link #Network(ModelConfig, long)} in a chosen precision (DOUBLE for gradient checks). */
    public Network(ModelConfig config, DataType type, long seed) {
        this(config, type, initialParams(config, seed));
    }

    /** The network a model file holds. */
    public static Network from(SavedModel saved) {
        return new Network(saved.config(), saved.params());
    }

    /** A network with the given flat parameters (as saved in a model file). */
    public Network(ModelConfig config, float[] flatParams) {
        this(config, DataType.FLOAT, flatParams);
    }

    private Network(ModelConfig config, DataType type, float[] flatParams) {
        if (flatParams.length != config.parameterCount()) {
            throw new IllegalArgumentException("expected " + config.parameterCount() + " parameters, got "
                    + flatParams.length);
        }
        this.config = config;
        this.type = type;
        this.params = Nd4j.create(type, 1, flatParams.length);
        Host.write(params, flatParams, flatParams.length);
        this.weights = new Layers(config, params);
    }

    private static float[] initialParams(ModelConfig config, long seed) {
        float[] p = new float[Math.toIntExact(config.parameterCount())];
        SplittableRandom rng = new SplittableRandom(seed);
        for (ParamTensor t : config.layout()) {
            int fanIn = t.name().endsWith(".W") ? t.rows() : weightRows(config, t);
            double bound = 1.0 / Math.sqrt(fanIn);
            for (long i = t.offset(); i < t.offset() + t.size(); i++) {
                p[(int) i] = (float) rng.nextDouble(-bound, bound);
            }
        }
        return p;
    }

    /** A bias's fan-in is the row count of the weight matrix just before it in the layout. */
    private static int weightRows(ModelConfig config, ParamTensor bias) {
        List<ParamTensor> layout = config.layout();
        return layout.get(layout.indexOf(bias) - 1).rows();
    }

    public ModelConfig config() {
        return config;
    }

    public DataType dataType() {
        return type;
    }

    /** The live flat parameter vector [1, P]; changing it changes the network. */
    public INDArray params() {
        return params;
    }

    public float[] paramsToArray() {
        float[] out = new float[(int) params.length()];
        Host.read(params, out, out.length);
        return out;
    }

    /** An independent network with the same weights. */
    public Network copy() {
        Network v = new Network(config, type, new float[(int) params.length()]);
        v.params.assign(params);
        return v;
    }

    /** Replaces the weights with those of another network of the same shape. */
    public void copyFrom(Network other) {
        if (!other.config.equals(config)) {
            throw new IllegalArgumentException("different network shapes");
        }
        params.assign(other.params);
    }

    // ---------------------------------------------------------------------------------------
    // Forward and backward pass (package-private: used by the trainer and evaluation)

    Activations newActivations(int n, boolean training) {
        return new Activations(config, type, n, training);
    }

    /**
     * Encoder, reparameterisation and decoder for the batch already in a.x. When sampling, a.eps
     * must hold standard normal noise; otherwise z = mu (the deterministic autoencoder always uses
     * z = mu).
     */
    void forward(Activations a, boolean sample) {
        encode(a);
        int len = a.n * config.latent();
        if (config.variational() && sample) {
            for (int i = 0; i < len; i++) {
                double std = Math.exp(0.5 * Host.get(a.logVar, i));
                Host.put(a.std, i, std);
                Host.put(a.z, i, Host.get(a.mu, i) + std * Host.get(a.eps, i));
            }
        } else {
            a.z.assign(a.mu);
        }
        decodeLogits(a, a.z);
    }

    /** Decoder only: logits of the latent points already in a.z. */
    void decode(Activations a) {
        decodeLogits(a, a.z);
    }

    private void encode(Activations a) {
        INDArray in = a.x;
        for (int e = 0; e < a.enc.length; e++) {
            dense(in, weights.encW[e], weights.encB[e], a.enc[e], true, a.onesRow);
            in = a.enc[e];
        }
        dense(in, weights.muW, weights.muB, a.mu, false, a.onesRow);
        dense(in, weights.logVarW, weights.logVarB, a.logVar, false, a.onesRow);
    }

    private void decodeLogits(Activations a, INDArray z) {
        INDArray in = z;
        for (int j = 0; j < a.dec.length; j++) {
            dense(in, weights.decW[j], weights.decB[j], a.dec[j], true, a.onesRow);
            in = a.dec[j];
        }
        dense(in, weights.decW[a.dec.length], weights.decB[a.dec.length], a.logits, false, a.onesRow);
    }

    /** out = in W + b (then ReLU). The bias goes in as a rank-1 product, faster than a broadcast add. */
    private static void dense(INDArray in, INDArray w, INDArray b, INDArray out, boolean relu, INDArray onesRow) {
        Blas.gemm(onesRow, true, b, false, out, 1.0, 0.0);
        Blas.gemm(in, false, w, false, out, 1.0, 1.0);
        if (relu) {
            Transforms.relu(out, false);
        }
    }

    /**
     * -log p(x|z) of each image of the batch after {@link #forward}, into a.rowSums.
     * Bernoulli: sum softplus(l) - x l, with softplus(l) = relu(l) + log1p(exp(-|l|)) so that large
     * logits do not overflow. Gaussian: sum (x - sigmoid(l))^2 / 2 sigma^2 + D/2 log(2 pi sigma^2).
     */
    void reconPerImage(Activations a) {
        INDArray s = a.scratch;
        INDArray l = a.logits;
        INDArray x = a.x;
        INDArray sums = a.rowSums;
        if (config.likelihood() == Likelihood.BERNOULLI) {
            Nd4j.exec(new Abs(l, s));
            Blas.gemv(s, false, a.onesCol, sums, 0.5, 0.0);             // sum |l| / 2
            Blas.gemv(l, false, a.onesCol, sums, 0.5, 1.0);             // + sum l / 2 = sum relu(l)
            s.negi();
            Nd4j.exec(new Exp(s, s));
            Nd4j.exec(new Log1p(s, s));
            Blas.gemv(s, false, a.onesCol, sums, 1.0, 1.0);             // + sum log1p(exp(-|l|))
            Nd4j.exec(new MulOp(x, l, s));
            Blas.gemv(s, false, a.onesCol, sums, -1.0, 1.0);            // - sum x l
        } else {
            double sigma2 = config.sigma() * config.sigma();
            Nd4j.exec(new Sigmoid(l, s));
            s.subi(x);
            s.muli(s);
            Blas.gemv(s, false, a.onesCol, sums, 1.0 / (2 * sigma2), 0.0);
            sums.addi(0.5 * config.inputSize() * Math.log(2 * Math.PI * sigma2));
        }
    }

    /** KL(q(z|x) || N(0, I)) of image i after {@link #forward}; 0 for the plain autoencoder. */
    double klOfImage(Activations a, int i) {
        if (!config.variational()) {
            return 0;
        }
        int k = config.latent();
        double kl = 0;
        for (int j = i * k; j < (i + 1) * k; j++) {
            double mu = Host.get(a.mu, j);
            double lv = Host.get(a.logVar, j);
            kl += mu * mu + Math.exp(lv) - 1 - lv;
        }
        return 0.5 * kl;
    }

    /**
     * Loss terms of the batch in a.x: fills a.eps from rng (when variational), runs the forward
     * pass and returns the summed recon and KL over the batch.
     */
    BatchTerms terms(Activations a, RandomGenerator rng, boolean sample) {
        if (config.variational() && sample) {
            int len = a.n * config.latent();
            for (int i = 0; i < len; i++) {
                Host.put(a.eps, i, rng.nextGaussian());
            }
        }
        forward(a, sample);
        reconPerImage(a);
        double recon = 0;
        double kl = 0;
        for (int i = 0; i < a.n; i++) {
            recon += Host.get(a.rowSums, i);
            kl += klOfImage(a, i);
        }
        return new BatchTerms(a.n, recon, kl);
    }

    /** Summed loss terms of one batch. */
    public record BatchTerms(int n, double reconSum, double klSum) {
    }

    /**
     * Gradient of mean(recon + beta * KL) over the batch of the last {@link #forward} (with
     * sampling) into g, views of a flat vector shaped like {@link #params()} (see
     * {@link #views(INDArray)}). Deltas are carried as gradients of the batch sum; the 1/n of the
     * mean is applied once, where they meet the weights. Overwrites the hidden activations in a.
     */
    void backward(Activations a, double beta, Layers g) {
        double scale = 1.0 / a.n;
        INDArray delta = a.dLogits;
        outputDelta(a);
        for (int j = a.dec.length; j >= 0; j--) {
            INDArray in = j == 0 ? a.z : a.dec[j - 1];
            INDArray dIn = j == 0 ? a.dz : a.dDec[j - 1];
            denseBackward(in, delta, weights.decW[j], g.decW[j], g.decB[j], dIn, a.onesRow, scale);
            if (j > 0) {
                reluBackward(in, dIn);
            }
            delta = dIn;
        }
        latentBackward(a, beta);
        INDArray h = a.enc[a.enc.length - 1];
        INDArray dh = a.dEnc[a.enc.length - 1];
        Blas.gemv(a.dMu, true, a.onesRow, g.muB, scale, 0.0);
        Blas.gemm(h, true, a.dMu, false, g.muW, scale, 0.0);
        Blas.gemv(a.dLogVar, true, a.onesRow, g.logVarB, scale, 0.0);
        Blas.gemm(h, true, a.dLogVar, false, g.logVarW, scale, 0.0);
        Blas.gemm(a.dMu, false, weights.muW, true, dh, 1.0, 0.0);
        Blas.gemm(a.dLogVar, false, weights.logVarW, true, dh, 1.0, 1.0);
        reluBackward(h, dh);
        delta = dh;
        for (int e = a.enc.length - 1; e >= 0; e--) {
            INDArray in = e == 0 ? a.x : a.enc[e - 1];
            INDArray dIn = e == 0 ? null : a.dEnc[e - 1];
            denseBackward(in, delta, weights.encW[e], g.encW[e], g.encB[e], dIn, a.onesRow, scale);
            if (dIn != null) {
                reluBackward(in, dIn);
            }
            delta = dIn;
        }
    }

    /** d(recon)/d(logits) into a.dLogits. */
    private void outputDelta(Activations a) {
        INDArray l = a.logits;
        INDArray x = a.x;
        INDArray delta = a.dLogits;
        if (config.likelihood() == Likelihood.BERNOULLI) {
            Nd4j.exec(new Sigmoid(l, delta));                            // d/dl BCE = sigmoid(l) - x
            delta.subi(x);
        } else {
            double sigma2 = config.sigma() * config.sigma();
            INDArray s = a.scratch;
            Nd4j.exec(new Sigmoid(l, s));                                // m = sigmoid(l)
            s.subi(x);                                                   // m - x
            Nd4j.exec(new SigmoidDerivative(l, delta));                  // m (1 - m)
            delta.muli(s).divi(sigma2);
        }
    }

    /** dmu = dz + beta mu;  dlogVar = dz eps std / 2 + beta (exp(logVar) - 1) / 2 (batch sums). */
    private void latentBackward(Activations a, double beta) {
        int len = a.n * config.latent();
        if (!config.variational()) {
            a.dMu.assign(a.dz);
            a.dLogVar.assign(0);
            return;
        }
        for (int i = 0; i < len; i++) {
            double dz = Host.get(a.dz, i);
            double mu = Host.get(a.mu, i);
            double lv = Host.get(a.logVar, i);
            double std = Host.get(a.std, i);
            Host.put(a.dMu, i, dz + beta * mu);
            Host.put(a.dLogVar, i, 0.5 * dz * Host.get(a.eps, i) * std + 0.5 * beta * (Math.exp(lv) - 1));
        }
    }

    private static void denseBackward(INDArray in, INDArray delta, INDArray w, INDArray dW, INDArray db,
                                      INDArray dIn, INDArray onesRow, double scale) {
        Blas.gemm(in, true, delta, false, dW, scale, 0.0);
        Blas.gemv(delta, true, onesRow, db, scale, 0.0);                // column sums of delta
        if (dIn != null) {
            Blas.gemm(delta, false, w, true, dIn, 1.0, 0.0);
        }
    }

    /**
     * Multiplies the delta by relu'(pre-activation) = [activation > 0]. The activation is no longer
     * needed at this point of the backward pass, so it is overwritten by that 0/1 mask (ND4J's fused
     * relu_bp op took 25 times longer than these two simple ops).
     */
    private static void reluBackward(INDArray activation, INDArray delta) {
        Nd4j.exec(new Step(activation, activation, 0.0));
        delta.muli(activation);
    }

    /** Per-layer views into a flat vector shaped like {@link #params()}, e.g. a gradient. */
    Layers views(INDArray flat) {
        return new Layers(config, flat);
    }

    // ---------------------------------------------------------------------------------------
    // Inference

    /** Mean and log-variance of q(z|x) for a batch of images. */
    public record Encoding(INDArray mu, INDArray logVar) {
    }

    /** Encodes images x [n, D] with pixels in [0, 1]; returns new arrays. */
    public Encoding encode(INDArray x) {
        if (x.rank() != 2 || x.columns() != config.inputSize()) {
            throw new IllegalArgumentException("images must be [n, " + config.inputSize() + "], got "
                    + java.util.Arrays.toString(x.shape()));
        }
        int n = (int) x.rows();
        INDArray mu = Nd4j.create(type, n, config.latent());
        INDArray logVar = Nd4j.create(type, n, config.latent());
        for (int start = 0; start < n; start += MAX_CHUNK) {
            int m = Math.min(MAX_CHUNK, n - start);
            Activations a = inferenceActivations(m);
            a.x.assign(rows(x, start, m));
            encode(a);
            rows(mu, start, m).assign(a.mu);
            rows(logVar, start, m).assign(a.logVar);
        }
        return new Encoding(mu, logVar);
    }

    /** Decoder means sigmoid(logits) in [0, 1] for latent points z [n, k]; a new array [n, D]. */
    public INDArray decodeMeans(INDArray z) {
        requireLatent(z);
        INDArray out = Nd4j.createUninitialized(type, z.rows(), config.inputSize());
        decodeMeans(z, out);
        return out;
    }

    /**
     * Decoder means for latent points z [n, k] written into out [n, D], which the caller keeps
     * and reuses: redrawing a grid then allocates no array memory.
     */
    public void decodeMeans(INDArray z, INDArray out) {
        requireLatent(z);
        int n = (int) z.rows();
        if (out.rank() != 2 || out.rows() != n || out.columns() != config.inputSize() || out.dataType() != type) {
            throw new IllegalArgumentException("output must be [" + n + ", " + config.inputSize() + "] " + type);
        }
        for (int start = 0; start < n; start += MAX_CHUNK) {
            int m = Math.min(MAX_CHUNK, n - start);
            Activations a = inferenceActivations(m);
            a.z.assign(m == n ? z : rows(z, start, m));
            decodeLogits(a, a.z);
            Nd4j.exec(new Sigmoid(a.logits, m == n ? out : rows(out, start, m)));
        }
    }

    private static INDArray rows(INDArray a, int start, int n) {
        return a.get(NDArrayIndex.interval(start, start + n), NDArrayIndex.all());
    }

    /**
     * Samples x ~ p(x|z) for latent points z [n, k]: Bernoulli pixels (0 or 1), or Gaussian pixels
     * clipped to [0, 1].
     */
    public INDArray decodeSamples(INDArray z, RandomGenerator rng) {
        INDArray out = Nd4j.createUninitialized(type, z.rows(), config.inputSize());
        decodeSamples(z, out, rng);
        return out;
    }

    /**
     * As {@link #decodeSamples(INDArray, RandomGenerator)}, into out [n, D]. The noise is drawn in
     * pixel order, so a generator restarted from the same seed gives each pixel the same noise.
     */
    public void decodeSamples(INDArray z, INDArray out, RandomGenerator rng) {
        decodeMeans(z, out);
        float[] px = new float[(int) out.length()];
        Host.read(out, px, px.length);
        for (int i = 0; i < px.length; i++) {
            double m = px[i];
            px[i] = (float) (config.likelihood() == Likelihood.BERNOULLI
                    ? (rng.nextDouble() < m ? 1 : 0)
                    : Math.min(1, Math.max(0, m + config.sigma() * rng.nextGaussian())));
        }
        Host.write(out, px, px.length);
    }

    private INDArray requireLatent(INDArray z) {
        if (z.rank() != 2 || z.columns() != config.latent()) {
            throw new IllegalArgumentException("latent points must be [n, " + config.latent() + "], got "
                    + java.util.Arrays.toString(z.shape()));
        }
        return z;
    }

    /** Forward-pass arrays for a batch of this many rows, reused across calls. */
    private Activations inferenceActivations(int n) {
        return inference.computeIfAbsent(n, m -> newActivations(m, false));
    }

    /** Views of every weight and bias inside one flat vector (parameters or gradients). */
    static final class Layers {
        final INDArray[] encW;
        final INDArray[] encB;
        final INDArray muW;
        final INDArray muB;
        final INDArray logVarW;
        final INDArray logVarB;
        final INDArray[] decW;
        final INDArray[] decB;

        Layers(ModelConfig config, INDArray flat) {
            Map<String, INDArray> views = new LinkedHashMap<>();
            for (ParamTensor t : config.layout()) {
                INDArray v = flat.get(NDArrayIndex.point(0), NDArrayIndex.interval(t.offset(), t.offset() + t.size()))
                        .reshape('c', t.rows(), t.cols());
                views.put(t.name(), v);
            }
            int h = config.hidden().size();
            encW = new INDArray[h];
            encB = new INDArray[h];
            for (int e = 0; e < h; e++) {
                encW[e] = views.get("encoder." + e + ".W");
                encB[e] = views.get("encoder." + e + ".b");
            }
            muW = views.get("mu.W");
            muB = views.get("mu.b");
            logVarW = views.get("logVar.W");
            logVarB = views.get("logVar.b");
            decW = new INDArray[h + 1];
            decB = new INDArray[h + 1];
            for (int j = 0; j <= h; j++) {
                decW[j] = views.get("decoder." + j + ".W");
                decB[j] = views.get("decoder." + j + ".b");
            }
        }
    }
}
