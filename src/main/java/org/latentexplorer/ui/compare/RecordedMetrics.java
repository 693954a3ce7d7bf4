package org.latentexplorer.ui.compare;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.latentexplorer.model.ModelConfig;
import org.latentexplorer.model.ModelKind;
import org.latentexplorer.model.TrainingHistory;
import org.latentexplorer.ui.session.CurrentModel;

/**
 * The figures a model file already records of its model, in the terms its kind has: the test
 * set's -ELBO, reconstruction and KL for a VAE; reconstruction (and the L1 or L2 of the code) for
 * the others; never a KL for a kind without a prior. Toolkit-free.
 */
public final class RecordedMetrics {
    private RecordedMetrics() {
    }

    /**
     * One figure.
     *
     * @param name  how the lecture names it ("\u2212ELBO", "reconstruction", "KL")
     * @param value per test image
     * @param unit  "nats", or "" for the linear models' squared error
     */
    public record Figure(String name, double value, String unit) {
        public String text() {
            return String.format(Locale.ROOT, "%.2f%s", value, unit.isEmpty() ? "" : " " + unit);
        }
    }

    /** The figures of the model's last finished epoch, on its test set; empty when it has none. */
    public static List<Figure> of(CurrentModel m) {
        return of(m.config(), m.history());
    }

    public static List<Figure> of(ModelConfig c, TrainingHistory history) {
        List<TrainingHistory.Epoch> epochs = history.epochs();
        if (epochs.isEmpty()) {
            return List.of();
        }
        TrainingHistory.Epoch last = epochs.get(epochs.size() - 1);
        ModelKind kind = c.kind();
        String unit = c.likelihood().inNats() ? "nats" : "";
        List<Figure> out = new ArrayList<>();
        if (kind.hasPrior()) {
            out.add(new Figure("\u2212ELBO", last.testNegElbo(), unit));
        }
        out.add(new Figure(c.likelihood().inNats() ? "reconstruction" : "squared error", last.testRecon(), unit));
        kind.penalty().ifPresent(p -> out.add(new Figure(p.key().toUpperCase(Locale.ROOT), last.testPenalty(),
                p.key().equals("kl") ? unit : "")));
        return List.copyOf(out);
    }

    /** Where the figures come from: "test set, after epoch 30", or why there are none. */
    public static String source(CurrentModel m) {
        List<TrainingHistory.Epoch> epochs = m.history().epochs();
        if (epochs.isEmpty()) {
            return m.imported() ? "Trained with Deeplearning4j: no figures recorded" : "Not trained yet: no figures recorded";
        }
        return m.config().kind().fitted() ? "test set, as fitted"
                : "test set, after epoch " + epochs.get(epochs.size() - 1).epoch();
    }

    /** "mnist-vae-beta4.lvae" and "VAE (\u03b2 = 4), k = 2": a compared grid's title and what it is. */
    public static String kind(CurrentModel m) {
        return m.config().kind().describe() + ", k = " + m.config().latent();
    }
}
