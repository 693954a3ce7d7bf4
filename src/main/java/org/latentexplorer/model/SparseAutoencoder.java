package org.latentexplorer.model;

import java.util.List;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * The sparse autoencoder: z = f(x), loss = recon + lambda * ||f(x)||_1. The L1 penalty pulls codes
 * toward zero and onto the axes, but nothing asks them to cover the space between them.
 */
public final class SparseAutoencoder extends ModelKind {
    static final Knob LAMBDA = new Knob("lambda", "\u03bb", "L1 weight",
            "Weighs the L1 norm of the code against reconstruction: larger values pull every code toward 0"
                    + " and onto the axes.",
            0, 1000, 10, 1);
    static final Penalty L1 = new Penalty("l1", "\u2016f(x)\u2016\u2081", "lambda");

    private final double lambda;

    public SparseAutoencoder(double lambda) {
        super(lambda);
        this.lambda = lambda;
    }

    public double lambda() {
        return lambda;
    }

    @Override
    public String id() {
        return "sparse-ae";
    }

    @Override
    public String title() {
        return "Sparse autoencoder";
    }

    @Override
    public String formula() {
        return "recon + \u03bb \u00b7 \u2016f(x)\u2016\u2081";
    }

    @Override
    public Code code() {
        return Code.POINT;
    }

    @Override
    public List<Knob> knobs() {
        return List.of(LAMBDA);
    }

    @Override
    public Optional<Penalty> penalty() {
        return Optional.of(L1);
    }

    @Override
    ModelKind withValues(double[] values) {
        return new SparseAutoencoder(values[0]);
    }

    /** z = f(x). */
    @Override
    void sampleCode(Activations a, RandomGenerator rng, boolean sample) {
        pointCode(a);
    }

    /** ||f(x)||_1 = sum_j |f_j(x)|. */
    @Override
    double penaltyOfImage(Activations a, int i) {
        double l1 = 0;
        for (int j = i * a.k; j < (i + 1) * a.k; j++) {
            l1 += Math.abs(Host.get(a.mu, j));
        }
        return l1;
    }

    /** z = f(x) and d|f|/df = sign(f) (0 at 0), so df = dz + weight * sign(f). */
    @Override
    void codeBackward(Activations a, double weight) {
        int len = a.n * a.k;
        for (int i = 0; i < len; i++) {
            Host.put(a.dMu, i, Host.get(a.dz, i) + weight * Math.signum(Host.get(a.mu, i)));
        }
    }
}
