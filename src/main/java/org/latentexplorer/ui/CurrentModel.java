package org.latentexplorer.ui;

import java.nio.file.Path;
import java.util.Map;

import org.latentexplorer.model.SavedModel;
import org.latentexplorer.model.TrainingHistory;
import org.latentexplorer.model.Network;
import org.latentexplorer.model.ModelConfig;
import org.latentexplorer.train.TrainingRun;

/**
 * The model the window shows. While it trains, {@code run} is its training run and the weights
 * come from the run's snapshots; otherwise {@code saved} holds everything and nothing changes it.
 *
 * @param file  where it was opened from or last saved to; null for a model not saved yet
 * @param saved weights, Adam state, history and info as of the last finished training or open
 * @param run   the training run now changing it, or null
 */
record CurrentModel(Path file, SavedModel saved, TrainingRun run) {

    ModelConfig config() {
        return saved.config();
    }

    /** The config with the kind's hyper-parameters as they are now: a running training's own (e.g. its beta of the moment). */
    ModelConfig liveConfig() {
        return run == null ? saved.config() : saved.config().withKind(run.kind());
    }

    String dataset() {
        return saved.info().get("dataset");
    }

    Map<String, String> info() {
        return saved.info();
    }

    TrainingHistory history() {
        return run != null ? run.history() : saved.history();
    }

    /** The model's title in the window: its file name, or "untitled". */
    String title() {
        return file == null ? "untitled" : file.getFileName().toString();
    }

    /** Everything to write to a model file now; during training a consistent snapshot (any thread). */
    SavedModel toSave() {
        if (run == null) {
            return saved;
        }
        return run.checkpoint(saved.info());
    }
}
