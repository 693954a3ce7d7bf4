package org.latentexplorer.model;

import java.util.List;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * The probabilistic autoencoder: z = f(x) + eps, eps ~ N(0, I), with no KL term. The noise forces
 * nearby codes to decode alike, but without a prior the encoder simply moves the codes apart until
 * the unit noise no longer matters. Its regularised form adds lambda * ||f(x)||^2, which keeps
 * the codes near the origin (lambda = 0 is the unregularised one).
 */
public final class ProbabilisticAutoencoder extends ModelKind {
    static final Knob LAMBDA = new Knob("lambda", "\u03bb", "L2 weight",
            "Weighs the squared norm of the code against reconstruction: 0 lets codes drift apart without bound;"
                    + " larger values hold them near the origin, where the prior's mass is.",
            0, 1000, 10, 0);
    static final Penalty L2 = new Penalty("l2", "\u2016f(x)\u2016\u00b2", "lambda");

    private final double lambda;

    public ProbabilisticAutoencoder(double lambda) {
        super(lambda);
        this.lambda = lambda;
    }

    public double lambda() {
        return lambda;
    }

    @Override
    public String id() {
        return "probabilistic-ae";
    }

    @Override
    public String title() {
        return lambda == 0 ? "Probabilistic autoencoder" : "Regularised probabilistic autoencoder";
    }

    @Override
    public String formula() {
        return "recon(x | f(x) + \u03b5) + \u03bb \u00b7 \u2016f(x)\u2016\u00b2";
    }

    @Override
    public Code code() {
        return Code.UNIT_NOISE;
    }

    @Override
    public List<Knob> knobs() {
        return List.of(LAMBDA);
    }

    @Override
    public Optional<Penalty> penalty() {
        return Optional.of(L2);
    }

    @Override
    ModelKind withValues(double[] values) {
        return new ProbabilisticAutoencoder(values[0]);
    }

    /** z = f(x) + eps, eps ~ N(0, I). */
    @Override
    void sampleCode(Activations a, RandomGenerator rng, boolean sample) {
        if (!sample) {
            pointCode(a);
            return;
        }
        drawEps(a, rng);
        int len = a.n * a.k;
        for (int i = 0; i < len; i++) {
            Host.put(a.z, i, Host.get(a.mu, i) + Host.get(a.eps, i));
        }
    }

    /** ||f(x)||^2 = sum_j f_j(x)^2. */
    @Override
    double penaltyOfImage(Activations a, int i) {
        double l2 = 0;
        for (int j = i * a.k; j < (i + 1) * a.k; j++) {
            double f = Host.get(a.mu, j);
            l2 += f * f;
        }
        return l2;
    }

    /** z = f + eps and d||f||^2/df = 2 f, so df = dz + weight * 2 f. */
    @Override
    void codeBackward(Activations a, double weight) {
        int len = a.n * a.k;
        for (int i = 0; i < len; i++) {
            Host.put(a.dMu, i, Host.get(a.dz, i) + 2 * weight * Host.get(a.mu, i));
        }
    }
}
