package org.latentexplorer.train;

/**
 * How to train (what to train, the model kind and its hyper-parameters, comes with the model).
 *
 * @param epochs        passes over the training set, at least 1
 * @param batchSize     images per iteration
 * @param learningRate  Adam's step size
 * @param seed          fixes initial weights, batch order and noise: the same seed gives the same run
 * @param warmupEpochs  penalty warm-up (the KL warm-up of a VAE): the penalty's weight grows linearly
 *                      from 0 over this many epochs (0 = none)
 */
public record TrainingSettings(int epochs, int batchSize, double learningRate, long seed, double warmupEpochs) {

    public static final int MAX_BATCH = 65_536;

    public TrainingSettings {
        if (epochs < 1 || epochs > 100_000) {
            throw new IllegalArgumentException("epochs must be between 1 and 100000, not " + epochs);
        }
        if (batchSize < 1 || batchSize > MAX_BATCH) {
            throw new IllegalArgumentException("batch size must be between 1 and " + MAX_BATCH + ", not " + batchSize);
        }
        if (!(learningRate > 0) || learningRate > 10 || Double.isNaN(learningRate)) {
            throw new IllegalArgumentException("learning rate must be in (0, 10], not " + learningRate);
        }
        if (!(warmupEpochs >= 0) || Double.isInfinite(warmupEpochs)) {
            throw new IllegalArgumentException("warm-up must be 0 or more epochs, not " + warmupEpochs);
        }
    }

    /** The defaults of the lecture: batch 128, Adam 1e-3, no warm-up. */
    public static TrainingSettings defaults(int epochs, long seed) {
        return new TrainingSettings(epochs, 128, 1e-3, seed, 0);
    }
}
