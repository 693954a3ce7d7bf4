package org.latentexplorer.model;

import java.util.List;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * The variational autoencoder, and with beta != 1 the beta-VAE:
 * <pre>
 *   q(z|x) = N(mu(x), diag(exp(logVar(x))))
 *   z      = mu + exp(logVar / 2) * eps,  eps ~ N(0, I)
 *   loss   = recon + beta * KL,  KL = KL(q(z|x) || N(0, I)) = 0.5 * sum(mu^2 + exp(logVar) - 1 - logVar)
 * </pre>
 * The only kind with a prior: its negative ELBO (recon + KL) bounds -log p(x), which an importance
 * sampler estimates.
 */
public final class Vae extends ModelKind {
    static final Knob BETA = new Knob("beta", "\u03b2", "KL weight",
            "Weighs the KL term against reconstruction: near 0 the model is almost a plain autoencoder;"
                    + " above 1 the posterior is pulled toward the prior, giving a smoother, blurrier latent space.",
            0, 1000, 10, 1);
    static final Penalty KL = new Penalty("kl", "KL(q(z|x) \u2016 N(0, I))", "beta");

    private final double beta;

    public Vae(double beta) {
        super(beta);
        this.beta = beta;
    }

    public double beta() {
        return beta;
    }

    @Override
    public String id() {
        return "vae";
    }

    @Override
    public String title() {
        return "VAE";
    }

    @Override
    public String formula() {
        return "recon + \u03b2 \u00b7 KL(q(z|x) \u2016 N(0, I))";
    }

    @Override
    public Code code() {
        return Code.GAUSSIAN;
    }

    @Override
    public List<Knob> knobs() {
        return List.of(BETA);
    }

    @Override
    public Optional<Penalty> penalty() {
        return Optional.of(KL);
    }

    @Override
    public boolean hasPrior() {
        return true;
    }

    @Override
    ModelKind withValues(double[] values) {
        return new Vae(values[0]);
    }

    /** Forward: std = exp(logVar / 2), z = mu + std * eps (the reparameterisation). */
    @Override
    void sampleCode(Activations a, RandomGenerator rng, boolean sample) {
        if (!sample) {
            pointCode(a);
            return;
        }
        drawEps(a, rng);
        int len = a.n * a.k;
        for (int i = 0; i < len; i++) {
            double std = Math.exp(0.5 * Host.get(a.logVar, i));
            Host.put(a.std, i, std);
            Host.put(a.z, i, Host.get(a.mu, i) + std * Host.get(a.eps, i));
        }
    }

    /** KL(q(z|x) || N(0, I)) = 0.5 * sum_j (mu_j^2 + exp(logVar_j) - 1 - logVar_j). */
    @Override
    double penaltyOfImage(Activations a, int i) {
        double kl = 0;
        for (int j = i * a.k; j < (i + 1) * a.k; j++) {
            double mu = Host.get(a.mu, j);
            double lv = Host.get(a.logVar, j);
            kl += mu * mu + Math.exp(lv) - 1 - lv;
        }
        return 0.5 * kl;
    }

    /**
     * In the forward pass z = mu + std * eps and KL = 0.5 sum(mu^2 + exp(logVar) - 1 - logVar), so
     * dmu = dz + weight * mu and dlogVar = dz * eps * std / 2 + weight * (exp(logVar) - 1) / 2.
     */
    @Override
    void codeBackward(Activations a, double weight) {
        int len = a.n * a.k;
        for (int i = 0; i < len; i++) {
            double dz = Host.get(a.dz, i);
            double mu = Host.get(a.mu, i);
            double lv = Host.get(a.logVar, i);
            double std = Host.get(a.std, i);
            Host.put(a.dMu, i, dz + weight * mu);
            Host.put(a.dLogVar, i, 0.5 * dz * Host.get(a.eps, i) * std + 0.5 * weight * (Math.exp(lv) - 1));
        }
    }
}
