package org.latentexplorer.model;

/**
 * Adam's running moments, so training can continue where it stopped.
 *
 * @param learningRate the step size in use
 * @param iteration    Adam steps taken so far (for the bias correction)
 * @param state        first moments then second moments: 2 * parameterCount floats
 */
public record OptimizerState(double learningRate, long iteration, float[] state) {
}
