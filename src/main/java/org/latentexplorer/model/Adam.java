package org.latentexplorer.model;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.GradientUpdater;

/**
 * Adam (beta1 0.9, beta2 0.999, eps 1e-8) over a network's flat parameter vector: one fused
 * native update per step, with moments that can be saved and restored.
 */
public final class Adam {
    private final double learningRate;
    private final INDArray state;
    private final GradientUpdater<?> updater;
    private long iteration;

    public Adam(Vae vae, double learningRate) {
        this(vae, learningRate, null);
    }

    /** Continues from saved moments, or starts fresh when saved is null. */
    public Adam(Vae vae, double learningRate, OptimizerState saved) {
        if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
            throw new IllegalArgumentException("learning rate must be a positive number, not " + learningRate);
        }
        long n = vae.params().length();
        this.learningRate = learningRate;
        this.state = Nd4j.create(vae.dataType(), 1, 2 * n);
        boolean fresh = saved == null;
        if (!fresh) {
            if (saved.state().length != 2 * n) {
                throw new IllegalArgumentException("optimizer state has " + saved.state().length
                        + " values; this network needs " + 2 * n);
            }
            Host.write(state, saved.state(), saved.state().length);
            iteration = saved.iteration();
        }
        org.nd4j.linalg.learning.config.Adam conf = new org.nd4j.linalg.learning.config.Adam(learningRate, 0.9, 0.999, 1e-8);
        this.updater = conf.instantiate(state, fresh);
    }

    /** params -= Adam update of grad. grad is overwritten with the update. */
    public void step(INDArray params, INDArray grad) {
        updater.applyUpdater(grad, (int) Math.min(Integer.MAX_VALUE, iteration), 0);
        params.subi(grad);
        iteration++;
    }

    public long iteration() {
        return iteration;
    }

    public double learningRate() {
        return learningRate;
    }

    public OptimizerState save() {
        float[] s = new float[(int) state.length()];
        Host.read(state, s, s.length);
        return new OptimizerState(learningRate, iteration, s);
    }
}
