package org.latentexplorer.model;

import java.util.Map;

/**
 * Everything a model file holds.
 *
 * @param config    the network's shape
 * @param params    the flat parameter vector in {@link ModelConfig#layout()} order
 * @param optimizer Adam's state, or null when not saved
 * @param history   finished epochs
 * @param info      free-form facts about the model (dataset, seed, beta, creation time, ...)
 */
public record SavedModel(ModelConfig config, float[] params, OptimizerState optimizer, TrainingHistory history,
                         Map<String, String> info) {
    public SavedModel {
        info = Map.copyOf(info);
    }
}
