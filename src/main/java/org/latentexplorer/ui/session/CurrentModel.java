package org.latentexplorer.ui.session;

import java.nio.file.Path;
import java.util.Map;

import org.latentexplorer.model.SavedModel;
import org.latentexplorer.model.dl4j.Dl4jImporter;
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
public record CurrentModel(Path file, SavedModel saved, TrainingRun run) {

    public ModelConfig config() {
        return saved.config();
    }

    /** The config with the kind's hyper-parameters as they are now: a running training's own (e.g. its beta of the moment). */
    public ModelConfig liveConfig() {
        return run == null ? saved.config() : saved.config().withKind(run.kind());
    }

    public String dataset() {
        return saved.info().get("dataset");
    }

    public Map<String, String> info() {
        return saved.info();
    }

    public TrainingHistory history() {
        return run != null ? run.history() : saved.history();
    }

    /** The model's title in the window: its file name, "NAME.zip (imported)" for one imported and not yet saved, or "untitled". */
    public String title() {
        if (file != null) {
            return file.getFileName().toString();
        }
        String source = saved.info().get(Dl4jImporter.SOURCE);
        return source != null && saved.info().containsKey(Dl4jImporter.IMPORTED_FROM) ? source + " (imported)" : "untitled";
    }

    /** Whether the model came from Deeplearning4j (saved here since, or not). */
    public boolean imported() {
        return saved.info().containsKey(Dl4jImporter.IMPORTED_FROM);
    }

    /**
     * The weights as of now in a network of their own, to measure or export: the model's, or those
     * of the running training between two of its iterations, with its hyper-parameters of the
     * moment (any thread). Unlike {@link #toSave()} it copies neither Adam's moments nor the history:
     * for the default VAE, 5 MB of weights copied natively instead of 16 MB of new Java arrays.
     */
    public Network network() {
        Network network = new Network(liveConfig(), saved.params());
        if (run != null) {
            run.copyWeightsTo(network);
        }
        return network;
    }

    /**
     * During training, the model as of the run's last finished epoch with finite weights, or null
     * before one has ended (any thread); otherwise the model itself.
     */
    public SavedModel lastGoodEpoch() {
        return run == null ? saved : run.lastGoodEpoch(saved.info());
    }

    /** Everything to write to a model file now; during training a consistent snapshot (any thread). */
    public SavedModel toSave() {
        if (run == null) {
            return saved;
        }
        return run.checkpoint(saved.info());
    }
}
