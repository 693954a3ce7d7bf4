package org.latentexplorer.ui.modelinfo;

import java.util.List;

import org.latentexplorer.model.ModelConfig;
import org.latentexplorer.model.TrainingHistory;
import org.latentexplorer.ui.session.CurrentModel;
import org.latentexplorer.ui.training.TrainingViewModel;

/**
 * The words the window uses for a model: its kind, shape, data, training so far and seed, for the
 * model panel, the guide and the stamp on exports. Toolkit-free.
 */
public final class ModelDescription {
    private ModelDescription() {
    }

    /** "VAE (\u03b2 = 1), k = 2, hidden 512,256, Bernoulli decoder, 28 x 28 images". */
    static String shape(ModelConfig c) {
        return c.kind().describe() + ", k = " + c.latent()
                + (c.encoder().isEmpty() ? "" : ", hidden " + widths(c))
                + ", " + c.likelihood().describe() + (c.likelihood().inNats() ? " decoder, " : ", ")
                + c.rows() + " \u00d7 " + c.cols() + " images";
    }

    private static String widths(ModelConfig c) {
        String enc = c.encoder().toString().replace("[", "").replace("]", "").replace(" ", "");
        return c.mirrored() ? enc : enc + " (decoder " + c.decoder().toString().replace("[", "").replace("]", "")
                .replace(" ", "") + ")";
    }

    /** "Trained on mnist, seed 1". */
    public static String data(CurrentModel m) {
        String seed = m.info().get("seed");
        return "Trained on " + (m.dataset() == null ? "an unknown dataset" : m.dataset())
                + (seed == null ? "" : ", seed " + seed);
    }

    /** As {@link #quality(ModelConfig, TrainingHistory)}; an imported model trained elsewhere says so. */
    public static String quality(CurrentModel m) {
        if (m.imported() && m.history().size() == 0) {
            return "Trained with Deeplearning4j; no history recorded";
        }
        return quality(m.config(), m.history());
    }

    /**
     * What the model's last epoch measured, in the terms its kind has: "30 epochs \u00b7 test \u2212ELBO
     * 154.6 nats (reconstruction 148.4 + KL 6.2)" for a VAE, "20 epochs \u00b7 test reconstruction
     * 150.2 nats, L1 3.1" for a sparse autoencoder; or "Not trained yet".
     */
    public static String quality(ModelConfig c, TrainingHistory history) {
        List<TrainingHistory.Epoch> epochs = history.epochs();
        if (epochs.isEmpty()) {
            return "Not trained yet";
        }
        TrainingHistory.Epoch last = epochs.get(epochs.size() - 1);
        org.latentexplorer.model.ModelKind kind = c.kind();
        String done = kind.fitted() ? "Fitted" : TrainingViewModel.count(last.epoch(), "epoch");
        if (kind.hasPrior()) {
            return String.format("%s \u00b7 test \u2212ELBO %.1f nats (reconstruction %.1f + KL %.1f)",
                    done, last.testNegElbo(), last.testRecon(), last.testPenalty());
        }
        return String.format("%s \u00b7 test reconstruction %.1f%s%s", done, last.testRecon(),
                c.likelihood().inNats() ? " nats" : " (squared error)",
                kind.penalty().map(p -> String.format(", %s %.2f", p.key().toUpperCase(java.util.Locale.ROOT),
                        last.testPenalty())).orElse(""));
    }

    /** Epochs trained so far (0 for none). */
    public static int epochs(TrainingHistory history) {
        List<TrainingHistory.Epoch> epochs = history.epochs();
        return epochs.isEmpty() ? 0 : epochs.get(epochs.size() - 1).epoch();
    }
}
