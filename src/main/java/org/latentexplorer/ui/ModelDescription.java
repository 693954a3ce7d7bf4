package org.latentexplorer.ui;

import java.util.List;

import org.latentexplorer.model.ModelConfig;
import org.latentexplorer.model.TrainingHistory;

/**
 * The words the window uses for a model: its kind, shape, data, training so far and seed, for the
 * model panel, the guide and the stamp on exports. Toolkit-free.
 */
final class ModelDescription {
    private ModelDescription() {
    }

    /** The kind of model in the lecture's words. */
    static String kind(ModelConfig c) {
        return org.latentexplorer.explore.Exports.kind(c);
    }

    /** "VAE, k = 2, hidden 512,256, Bernoulli decoder, 28 x 28 images". */
    static String shape(ModelConfig c) {
        return kind(c) + ", k = " + c.latent() + ", hidden "
                + c.hidden().toString().replace("[", "").replace("]", "").replace(" ", "")
                + ", " + (c.likelihood().name().equals("BERNOULLI") ? "Bernoulli" : "Gaussian \u03c3 = " + c.sigma())
                + " decoder, " + c.rows() + " \u00d7 " + c.cols() + " images";
    }

    /** "Trained on mnist, seed 1". */
    static String data(CurrentModel m) {
        String seed = m.info().get("seed");
        return "Trained on " + (m.dataset() == null ? "an unknown dataset" : m.dataset())
                + (seed == null ? "" : ", seed " + seed);
    }

    /** "30 epochs · test −ELBO 154.6 nats (reconstruction 148.4 + KL 6.2)", or "Not trained yet". */
    static String quality(TrainingHistory history) {
        List<TrainingHistory.Epoch> epochs = history.epochs();
        if (epochs.isEmpty()) {
            return "Not trained yet";
        }
        TrainingHistory.Epoch last = epochs.get(epochs.size() - 1);
        return String.format("%s \u00b7 test \u2212ELBO %.1f nats (reconstruction %.1f + KL %.1f)",
                TrainingViewModel.count(last.epoch(), "epoch"), last.testNegElbo(), last.testRecon(), last.testKl());
    }

    /** Epochs trained so far (0 for none). */
    static int epochs(TrainingHistory history) {
        List<TrainingHistory.Epoch> epochs = history.epochs();
        return epochs.isEmpty() ? 0 : epochs.get(epochs.size() - 1).epoch();
    }
}
