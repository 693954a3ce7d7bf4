package org.latentexplorer.model;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * One kind of autoencoder of the lecture: how its encoder turns an image into a code z, and what
 * its loss adds to the reconstruction term. The network itself (layers, likelihood) is the same for
 * every kind; a kind is the part that differs. Callers ask a kind what it offers (a prior? a
 * posterior spread? which hyper-parameters? which penalty?) instead of testing which kind it is.
 *
 * <p>A kind is an immutable value: its hyper-parameters ({@link #knobs()}) are fixed per instance,
 * and {@link #with} makes a new one, which is how a running training takes a new beta.
 *
 * <p>Adding a kind: one subclass in this package (its knobs, its code, and its objective's forward
 * and backward side by side), listed in {@link ModelKinds}, and one test.
 */
public abstract class ModelKind {

    /** How the encoder's output becomes the code z. */
    public enum Code {
        /** z = f(x): one point per image, nothing around it. */
        POINT,
        /** z = f(x) + eps, eps ~ N(0, I): a fixed unit spread around each image's point. */
        UNIT_NOISE,
        /** z = mu(x) + exp(logVar(x) / 2) * eps: the posterior q(z|x) = N(mu, diag(exp(logVar))), learned. */
        GAUSSIAN;

        /** Whether codes of one image spread around its point: what a posterior ellipse can show. */
        public boolean hasSpread() {
            return this != POINT;
        }
    }

    private final double[] values;

    /** @param values the knobs' values, in {@link #knobs()} order, each checked against its range */
    ModelKind(double... values) {
        List<Knob> knobs = knobs();
        if (values.length != knobs.size()) {
            throw new IllegalArgumentException(id() + " takes " + knobs.size() + " hyper-parameters, not " + values.length);
        }
        for (int i = 0; i < values.length; i++) {
            knobs.get(i).check(values[i]);
        }
        this.values = values.clone();
    }

    // ---------------------------------------------------------------------------------- what it is

    /** Its name in model files and on the command line: "vae", "ae", "sparse-ae", ... */
    public abstract String id();

    /** Its name for people: "VAE", "Sparse autoencoder", ... */
    public abstract String title();

    /**
     * The kind inside a sentence, with its article: "a VAE", "an autoencoder", "a sparse
     * autoencoder".
     */
    public String aTitle() {
        String t = title();
        boolean acronym = t.length() > 1 && Character.isUpperCase(t.charAt(1));
        String word = acronym ? t : Character.toLowerCase(t.charAt(0)) + t.substring(1);
        return ("AEIOUaeiou".indexOf(word.charAt(0)) >= 0 && !acronym ? "an " : "a ") + word;
    }

    /** Its loss as the lecture writes it, e.g. "recon + \u03b2 \u00b7 KL". */
    public abstract String formula();

    /** How its encoder makes the code. */
    public abstract Code code();

    /** The hyper-parameters a user sets, in a fixed order (none for most kinds). */
    public List<Knob> knobs() {
        return List.of();
    }

    /** The regulariser added to the reconstruction term, if the kind has one. */
    public Optional<Penalty> penalty() {
        return Optional.empty();
    }

    /**
     * Whether the kind is a generative model with the prior p(z) = N(0, I): then, and only then, the
     * negative ELBO and an importance-sampled -log p(x) mean something.
     */
    public boolean hasPrior() {
        return false;
    }

    /** Linear encoder and decoder with an identity output and squared error (linear autoencoder, PCA). */
    public boolean linear() {
        return false;
    }

    /** Computed in closed form from the training set (PCA), not trained by gradient steps. */
    public boolean fitted() {
        return false;
    }

    /** A knob's value. */
    public final double value(String key) {
        return values[indexOf(key)];
    }

    /** The same kind with one knob set to value (checked against the knob's range). */
    public final ModelKind with(String key, double value) {
        double[] v = values.clone();
        int i = indexOf(key);
        v[i] = knobs().get(i).check(value);
        return withValues(v);
    }

    /** The same kind with every knob at its default. */
    public final ModelKind withDefaults() {
        return withValues(knobs().stream().mapToDouble(Knob::defaultValue).toArray());
    }

    /** The weight of the penalty term (beta, lambda); 0 for a kind without one. */
    public final double penaltyWeight() {
        return penalty().map(p -> value(p.weight())).orElse(0.0);
    }

    /** E.g. "VAE (\u03b2 = 4)", "Sparse autoencoder (\u03bb = 0.1)", "PCA". */
    public String describe() {
        List<Knob> knobs = knobs();
        if (knobs.isEmpty()) {
            return title();
        }
        StringBuilder b = new StringBuilder(title()).append(" (");
        for (int i = 0; i < knobs.size(); i++) {
            b.append(i == 0 ? "" : ", ").append(knobs.get(i).symbol()).append(" = ").append(format(values[i]));
        }
        return b.append(')').toString();
    }

    /** A number as people write it: 1, 0.5, 0.01. */
    public static String format(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e9) {
            return Long.toString((long) v);
        }
        String s = String.format(Locale.ROOT, "%.4g", v);
        return s.contains("e") ? s : s.replaceAll("0+$", "").replaceAll("\\.$", "");
    }

    private int indexOf(String key) {
        List<Knob> knobs = knobs();
        for (int i = 0; i < knobs.size(); i++) {
            if (knobs.get(i).key().equals(key)) {
                return i;
            }
        }
        throw new IllegalArgumentException(title() + " has no hyper-parameter '" + key + "'"
                + (knobs.isEmpty() ? "" : "; it has " + knobs.stream().map(Knob::key).toList()));
    }

    /** A new instance of this kind with these knob values. */
    abstract ModelKind withValues(double[] values);

    // ------------------------------------------------------------- its objective, on a batch's arrays

    /**
     * Before encoding, in training and evaluation: what the encoder sees. Most kinds leave
     * {@code a.input} as the images themselves; the denoising autoencoder adds noise.
     */
    void corrupt(Activations a, RandomGenerator rng) {
    }

    /**
     * The code z of each image from the encoder's heads (a.mu, and a.logVar for a Gaussian code),
     * into a.z. With sample false (inference), z is the centre of the code: z = mu. By default the
     * code is the point itself, z = f(x).
     */
    void sampleCode(Activations a, RandomGenerator rng, boolean sample) {
        pointCode(a);
    }

    /** The penalty term of image i of the last forward pass; 0 for a kind without one. */
    double penaltyOfImage(Activations a, int i) {
        return 0;
    }

    /**
     * Backward through {@link #sampleCode} and the penalty: from a.dz, the gradient of the batch's
     * summed reconstruction term with respect to z, to a.dMu (and a.dLogVar), adding weight times
     * the penalty's gradient. By default z = f(x) and no penalty, so df = dz.
     */
    void codeBackward(Activations a, double weight) {
        a.dMu.assign(a.dz);
    }

    // ---------------------------------------------------------------------- shared pieces of objectives

    /** z = mu. */
    static void pointCode(Activations a) {
        a.z.assign(a.mu);
    }

    /** Fills a.eps with standard normal noise from rng, in order. */
    static void drawEps(Activations a, RandomGenerator rng) {
        int len = a.n * a.k;
        for (int i = 0; i < len; i++) {
            Host.put(a.eps, i, rng.nextGaussian());
        }
    }

    // ------------------------------------------------------------------------------- value semantics

    @Override
    public final boolean equals(Object o) {
        return o instanceof ModelKind other && other.getClass() == getClass() && Arrays.equals(other.values, values);
    }

    @Override
    public final int hashCode() {
        return getClass().hashCode() * 31 + Arrays.hashCode(values);
    }

    @Override
    public final String toString() {
        return describe();
    }
}
