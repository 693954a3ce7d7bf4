package org.latentexplorer.model;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The network of a model of any kind: an MLP encoder with one or two code heads and an MLP
 * decoder, written directly against matrix products so that one training iteration runs on
 * preallocated arrays. What differs between kinds (how the code is made, what the loss adds) is
 * asked of the {@link ModelKind}; what differs between decoder distributions, of the
 * {@link Likelihood}:
 * <pre>
 *   encoder  h = act(... act(input W_e0 + b_e0) ...),  mu = h W_mu + b_mu  (and logVar = h W_lv + b_lv)
 *   code     z = kind's code of (mu, logVar): mu, mu + eps, or mu + exp(logVar / 2) * eps
 *   decoder  output = act(... act(z W_d0 + b_d0) ...) W_out + b_out
 *   loss     likelihood's recon(x | output) + weight * kind's penalty
 * </pre>
 *
 * All parameters live in one flat vector (layout: {@link ModelConfig#layout()}), which makes saving,
 * copying and the optimizer step single operations. Not thread-safe: one thread uses an instance;
 * other threads work on a {@link #copy()}.
 */
public final class Network {
    /**
     * Forward-pass arrays kept for this many batch sizes (a whole pass and the last, shorter one):
     * with four, a metrics report kept about 50 MB of them while it ran.
     */
    private static final int CACHED_BATCH_SIZES = 2;
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
            boolean evict = size() > CACHED_BATCH_SIZES;
            if (evict) {
                // Evicted only when another batch size is asked for, so no call is using it.
                eldest.getValue().release();
            }
            return evict;
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
        List<ParamTensor> layout = config.layout();
        for (int t = 0; t < layout.size(); t++) {
            ParamTensor tensor = layout.get(t);
            // A bias's fan-in is the row count of the weight matrix just before it in the layout.
            int fanIn = tensor.name().endsWith(".W") ? tensor.rows() : layout.get(t - 1).rows();
            double bound = 1.0 / Math.sqrt(fanIn);
            for (long i = tensor.offset(); i < tensor.offset() + tensor.size(); i++) {
                p[(int) i] = (float) rng.nextDouble(-bound, bound);
            }
        }
        return p;
    }

    public ModelConfig config() {
        return config;
    }

    public ModelKind kind() {
        return config.kind();
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
        copyParams(out);
        return out;
    }

    /** The flat parameter vector into out, which has exactly its length. */
    public void copyParams(float[] out) {
        if (out.length != params.length()) {
            throw new IllegalArgumentException("expected room for " + params.length() + " parameters, not " + out.length);
        }
        Host.read(params, out, out.length);
    }

    /** An independent network with the same weights. */
    public Network copy() {
        Network v = new Network(config, type, new float[(int) params.length()]);
        v.params.assign(params);
        return v;
    }

    /** Replaces the weights with those of another network of the same shape. */
    public void copyFrom(Network other) {
        if (!other.config.sameNetwork(config)) {
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
     * Encoder, code and decoder for the batch already in a.x, as kind's objective makes them: with
     * sample true its corruption of the input and its noise on the code (training and evaluation);
     * otherwise z is the centre of the code of the images themselves.
     */
    void forward(Activations a, ModelKind kind, RandomGenerator rng, boolean sample) {
        a.input = a.x;
        if (sample) {
            kind.corrupt(a, rng);
        }
        encode(a);
        kind.sampleCode(a, rng, sample);
        decodeLogits(a, a.z);
    }

    /** Decoder only: the output layer of the latent points already in a.z. */
    void decode(Activations a) {
        decodeLogits(a, a.z);
    }

    private void encode(Activations a) {
        ActivationFunction act = config.activation();
        INDArray in = a.input;
        for (int e = 0; e < a.enc.length; e++) {
            dense(in, weights.encW[e], weights.encB[e], a.enc[e], act, a.onesRow);
            in = a.enc[e];
        }
        ActivationFunction head = config.headActivation();
        dense(in, weights.muW, weights.muB, a.mu, head, a.onesRow);
        if (weights.logVarW != null) {
            dense(in, weights.logVarW, weights.logVarB, a.logVar, head, a.onesRow);
        }
    }

    private void decodeLogits(Activations a, INDArray z) {
        ActivationFunction act = config.activation();
        INDArray in = z;
        for (int j = 0; j < a.dec.length; j++) {
            dense(in, weights.decW[j], weights.decB[j], a.dec[j], act, a.onesRow);
            in = a.dec[j];
        }
        dense(in, weights.decW[a.dec.length], weights.decB[a.dec.length], a.logits, ActivationFunction.IDENTITY, a.onesRow);
    }

    /** out = act(in W + b). The bias goes in as a rank-1 product, faster than a broadcast add. */
    private static void dense(INDArray in, INDArray w, INDArray b, INDArray out, ActivationFunction act, INDArray onesRow) {
        Blas.gemm(onesRow, true, b, false, out, 1.0, 0.0);
        Blas.gemm(in, false, w, false, out, 1.0, 1.0);
        act.forward(out);
    }

    /**
     * Loss terms of the batch in a.x under kind's objective: runs the forward pass (drawing any noise
     * from rng, in a fixed order) and returns the summed reconstruction and penalty terms.
     */
    BatchTerms terms(Activations a, ModelKind kind, RandomGenerator rng, boolean sample) {
        forward(a, kind, rng, sample);
        config.likelihood().reconPerImage(a);
        double recon = 0;
        double penalty = 0;
        for (int i = 0; i < a.n; i++) {
            recon += Host.get(a.rowSums, i);
            penalty += kind.penaltyOfImage(a, i);
        }
        return new BatchTerms(a.n, recon, penalty);
    }

    /**
     * Summed loss terms of one batch.
     *
     * @param penaltySum the kind's penalty (KL, L1, L2) summed over the batch; 0 for a kind without one
     */
    public record BatchTerms(int n, double reconSum, double penaltySum) {
    }

    /**
     * Gradient of mean(recon + weight * penalty) over the batch of the last {@link #forward} (with
     * sampling) into g, views of a flat vector shaped like {@link #params()} (see
     * {@link #views(INDArray)}). Deltas are carried as gradients of the batch sum; the 1/n of the
     * mean is applied once, where they meet the weights. Overwrites the hidden activations in a.
     */
    void backward(Activations a, ModelKind kind, double weight, Layers g) {
        double scale = 1.0 / a.n;
        ActivationFunction act = config.activation();
        config.likelihood().outputDelta(a);
        INDArray delta = a.dLogits;
        for (int j = a.dec.length; j >= 0; j--) {
            INDArray in = j == 0 ? a.z : a.dec[j - 1];
            INDArray dIn = j == 0 ? a.dz : a.dDec[j - 1];
            denseBackward(in, delta, weights.decW[j], g.decW[j], g.decB[j], dIn, a.onesRow, scale);
            if (j > 0) {
                act.backward(in, dIn);
            }
            delta = dIn;
        }
        kind.codeBackward(a, weight);
        ActivationFunction head = config.headActivation();
        head.backward(a.mu, a.dMu);
        boolean hasEncoder = a.enc.length > 0;
        INDArray h = hasEncoder ? a.enc[a.enc.length - 1] : a.input;
        INDArray dh = hasEncoder ? a.dEnc[a.enc.length - 1] : null;
        Blas.gemv(a.dMu, true, a.onesRow, g.muB, scale, 0.0);
        Blas.gemm(h, true, a.dMu, false, g.muW, scale, 0.0);
        if (hasEncoder) {
            Blas.gemm(a.dMu, false, weights.muW, true, dh, 1.0, 0.0);
        }
        if (weights.logVarW != null) {
            head.backward(a.logVar, a.dLogVar);
            Blas.gemv(a.dLogVar, true, a.onesRow, g.logVarB, scale, 0.0);
            Blas.gemm(h, true, a.dLogVar, false, g.logVarW, scale, 0.0);
            if (hasEncoder) {
                Blas.gemm(a.dLogVar, false, weights.logVarW, true, dh, 1.0, 1.0);
            }
        }
        if (!hasEncoder) {
            return;
        }
        act.backward(h, dh);
        delta = dh;
        for (int e = a.enc.length - 1; e >= 0; e--) {
            INDArray in = e == 0 ? a.input : a.enc[e - 1];
            INDArray dIn = e == 0 ? null : a.dEnc[e - 1];
            denseBackward(in, delta, weights.encW[e], g.encW[e], g.encB[e], dIn, a.onesRow, scale);
            if (dIn != null) {
                act.backward(in, dIn);
            }
            delta = dIn;
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

    /** Per-layer views into a flat vector shaped like {@link #params()}, e.g. a gradient. */
    Layers views(INDArray flat) {
        return new Layers(config, flat);
    }

    // ---------------------------------------------------------------------------------------
    // Inference

    /**
     * The encoder's heads for a batch of images: the code f(x), or the posterior's mean mu(x); and
     * logVar(x) for a kind whose posterior has a learned spread (null otherwise).
     */
    public record Encoding(INDArray mu, INDArray logVar) {
    }

    /** Encodes images x [n, D] with pixels in [0, 1]; returns new arrays. */
    public Encoding encode(INDArray x) {
        if (x.rank() != 2 || x.columns() != config.inputSize()) {
            throw new IllegalArgumentException("images must be [n, " + config.inputSize() + "], got "
                    + java.util.Arrays.toString(x.shape()));
        }
        int n = (int) x.rows();
        boolean spread = weights.logVarW != null;
        INDArray mu = Nd4j.create(type, n, config.latent());
        INDArray logVar = spread ? Nd4j.create(type, n, config.latent()) : null;
        for (int start = 0; start < n; start += MAX_CHUNK) {
            int m = Math.min(MAX_CHUNK, n - start);
            Activations a = inferenceActivations(m);
            a.x.assign(rows(x, start, m));
            a.input = a.x;
            encode(a);
            rows(mu, start, m).assign(a.mu);
            if (spread) {
                rows(logVar, start, m).assign(a.logVar);
            }
        }
        return new Encoding(mu, logVar);
    }

    /** Pixel means E[x|z] in [0, 1] (the linear models' may stray outside) for latent points z [n, k]; a new array [n, D]. */
    public INDArray decodeMeans(INDArray z) {
        requireLatent(z);
        INDArray out = Nd4j.createUninitialized(type, z.rows(), config.inputSize());
        decodeMeans(z, out);
        return out;
    }

    /**
     * Pixel means for latent points z [n, k] written into out [n, D], which the caller keeps and
     * reuses: redrawing a grid then allocates no array memory.
     */
    public void decodeMeans(INDArray z, INDArray out) {
        requireLatent(z);
        requireOutput(z, out);
        int n = (int) z.rows();
        for (int start = 0; start < n; start += MAX_CHUNK) {
            int m = Math.min(MAX_CHUNK, n - start);
            Activations a = inferenceActivations(m);
            a.z.assign(m == n ? z : rows(z, start, m));
            decodeLogits(a, a.z);
            config.likelihood().means(a.logits, m == n ? out : rows(out, start, m));
        }
    }

    private static INDArray rows(INDArray a, int start, int n) {
        return a.get(NDArrayIndex.interval(start, start + n), NDArrayIndex.all());
    }

    /** Draws x ~ p(x|z) for latent points z [n, k]: Bernoulli pixels (0 or 1), or Gaussian pixels clipped to [0, 1]. */
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
        requireLatent(z);
        requireOutput(z, out);
        int n = (int) z.rows();
        int d = config.inputSize();
        for (int start = 0; start < n; start += MAX_CHUNK) {
            int m = Math.min(MAX_CHUNK, n - start);
            Activations a = inferenceActivations(m);
            a.z.assign(m == n ? z : rows(z, start, m));
            decodeLogits(a, a.z);
            INDArray target = m == n ? out : rows(out, start, m);
            config.likelihood().means(a.logits, a.scratch);
            float[] px = a.hostScratch(m * d);
            Host.read(a.scratch, px, m * d);
            float[] chunk = px.length == m * d ? px : java.util.Arrays.copyOf(px, m * d);
            config.likelihood().sample(a.logits, chunk, rng);
            Host.write(a.scratch, chunk, m * d);
            target.assign(a.scratch);
        }
    }

    private void requireOutput(INDArray z, INDArray out) {
        long n = z.rows();
        if (out.rank() != 2 || out.rows() != n || out.columns() != config.inputSize() || out.dataType() != type) {
            throw new IllegalArgumentException("output must be [" + n + ", " + config.inputSize() + "] " + type);
        }
    }

    private INDArray requireLatent(INDArray z) {
        if (z.rank() != 2 || z.columns() != config.latent()) {
            throw new IllegalArgumentException("latent points must be [n, " + config.latent() + "], got "
                    + java.util.Arrays.toString(z.shape()));
        }
        return z;
    }

    /**
     * Frees the forward-pass arrays kept for reuse (up to two batch sizes, about 13 MB each for
     * 1,024 rows of the shipped models), for a network that has finished a large piece of work;
     * later calls allocate them again.
     */
    public void releaseScratch() {
        inference.values().forEach(Activations::release);
        inference.clear();
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
        /** Null for a kind without a learned posterior spread. */
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
            int e = config.encoder().size();
            encW = new INDArray[e];
            encB = new INDArray[e];
            for (int i = 0; i < e; i++) {
                encW[i] = views.get("encoder." + i + ".W");
                encB[i] = views.get("encoder." + i + ".b");
            }
            List<String> heads = config.heads();
            muW = views.get(heads.get(0) + ".W");
            muB = views.get(heads.get(0) + ".b");
            logVarW = heads.size() > 1 ? views.get(heads.get(1) + ".W") : null;
            logVarB = heads.size() > 1 ? views.get(heads.get(1) + ".b") : null;
            int d = config.decoder().size();
            decW = new INDArray[d + 1];
            decB = new INDArray[d + 1];
            for (int j = 0; j <= d; j++) {
                decW[j] = views.get("decoder." + j + ".W");
                decB[j] = views.get("decoder." + j + ".b");
            }
        }
    }
}
