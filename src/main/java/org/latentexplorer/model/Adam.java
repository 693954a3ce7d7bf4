package org.latentexplorer.model;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Adam (Kingma and Ba) over a network's flat parameter vector, with PyTorch's bias correction:
 * <pre>
 *   m = b1 m + (1 - b1) g          v = b2 v + (1 - b2) g^2
 *   p = p - lr / (1 - b1^t) * m / (sqrt(v) / sqrt(1 - b2^t) + eps)
 * </pre>
 * One Java loop over plain arrays that the JIT vectorises: about 20 times faster than ND4J's
 * AdamUpdater for a million parameters, which made the optimizer the slowest part of an iteration.
 */
public final class Adam {
    private static final float BETA1 = 0.9f;
    private static final float BETA2 = 0.999f;
    private static final float EPS = 1e-8f;

    private final double learningRate;
    private final float[] m;
    private final float[] v;
    private final float[] g;
    private final float[] p;
    private long iteration;

    public Adam(Network vae, double learningRate) {
        this(vae, learningRate, null);
    }

    /** Continues from saved moments, or starts fresh when saved is null. */
    public Adam(Network vae, double learningRate, OptimizerState saved) {
        if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
            throw new IllegalArgumentException("learning rate must be a positive number, not " + learningRate);
        }
        int n = Math.toIntExact(vae.params().length());
        this.learningRate = learningRate;
        this.m = new float[n];
        this.v = new float[n];
        this.g = new float[n];
        this.p = new float[n];
        if (saved != null) {
            if (saved.state().length != 2L * n) {
                throw new IllegalArgumentException("optimizer state has " + saved.state().length
                        + " values; this network needs " + 2L * n);
            }
            System.arraycopy(saved.state(), 0, m, 0, n);
            System.arraycopy(saved.state(), n, v, 0, n);
            iteration = saved.iteration();
        }
    }

    /** One step: params -= update(grad). */
    public void step(INDArray params, INDArray grad) {
        int n = m.length;
        if (params.length() != n || grad.length() != n) {
            throw new IllegalArgumentException("expected " + n + " parameters and gradients");
        }
        iteration++;
        Host.read(grad, g, n);
        Host.read(params, p, n);
        float stepSize = (float) (learningRate / (1 - Math.pow(BETA1, iteration)));
        float invSqrtBias2 = (float) (1 / Math.sqrt(1 - Math.pow(BETA2, iteration)));
        float[] m = this.m;
        float[] v = this.v;
        float[] g = this.g;
        float[] p = this.p;
        for (int i = 0; i < n; i++) {
            float gi = g[i];
            float mi = BETA1 * m[i] + (1 - BETA1) * gi;
            float vi = BETA2 * v[i] + (1 - BETA2) * gi * gi;
            m[i] = mi;
            v[i] = vi;
            p[i] -= stepSize * mi / ((float) Math.sqrt(vi) * invSqrtBias2 + EPS);
        }
        Host.write(params, p, n);
    }

    public long iteration() {
        return iteration;
    }

    public double learningRate() {
        return learningRate;
    }

    public OptimizerState save() {
        float[] s = new float[2 * m.length];
        copyMoments(s);
        return new OptimizerState(learningRate, iteration, s);
    }

    /** The first moments then the second ones into state (2 * parameterCount floats), as {@link #save} lays them out. */
    public void copyMoments(float[] state) {
        if (state.length != 2 * m.length) {
            throw new IllegalArgumentException("expected room for " + 2 * m.length + " moments, not " + state.length);
        }
        System.arraycopy(m, 0, state, 0, m.length);
        System.arraycopy(v, 0, state, m.length, v.length);
    }
}
