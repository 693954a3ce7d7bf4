package org.latentexplorer.model;

import java.util.Map;

/**
 * What {@link ModelFile#peek} learns from a model file's header without reading its weights.
 *
 * @param config            the network's shape
 * @param hasOptimizerState whether the file holds Adam's state, so training can continue
 * @param history           finished epochs
 * @param info              free-form facts about the model
 * @param fileSize          the file's length in bytes
 */
public record ModelFileInfo(ModelConfig config, boolean hasOptimizerState, TrainingHistory history,
                            Map<String, String> info, long fileSize) {
    public ModelFileInfo {
        info = Map.copyOf(info);
    }

    public long parameterCount() {
        return config.parameterCount();
    }
}
