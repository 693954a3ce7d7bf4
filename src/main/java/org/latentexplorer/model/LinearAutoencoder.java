package org.latentexplorer.model;

/**
 * The linear autoencoder: z = W_e x + b_e, x' = W_d z + b_d, loss = ||x - x'||^2, trained by
 * gradient steps. Its decoder ends up spanning the same subspace as the top principal components
 * (Baldi and Hornik, 1989): PCA is what a linear autoencoder learns.
 */
public final class LinearAutoencoder extends ModelKind {

    public LinearAutoencoder() {
        super();
    }

    @Override
    public String id() {
        return "linear-ae";
    }

    @Override
    public String title() {
        return "Linear autoencoder";
    }

    @Override
    public String formula() {
        return "\u2016x \u2212 x\u0302\u2016\u00b2";
    }

    @Override
    public Code code() {
        return Code.POINT;
    }

    @Override
    public boolean linear() {
        return true;
    }

    @Override
    ModelKind withValues(double[] values) {
        return new LinearAutoencoder();
    }
}
