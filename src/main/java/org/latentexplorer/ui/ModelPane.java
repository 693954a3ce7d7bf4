package org.latentexplorer.ui;

import java.util.List;

import javafx.scene.control.Label;
import javafx.scene.layout.VBox;

import org.latentexplorer.model.TrainingHistory;
import org.latentexplorer.model.ModelConfig;

/** What the current model is: file, shape, data, how far it has trained. */
final class ModelPane extends VBox {
    final Label title = new Label();
    private final Label shape = Controls.caption("");
    private final Label data = Controls.caption("");
    private final Label quality = Controls.caption("");

    ModelPane(ExplorerViewModel vm) {
        title.getStyleClass().add("model-title");
        title.setWrapText(true);
        Controls.tip(quality, "The negative ELBO on the test set: reconstruction + KL at beta = 1, in nats per image;"
                + " lower is a better model of the data.");
        getChildren().add(Controls.section("Model", title, shape, data, quality));
        vm.modelProperty().addListener((o, a, b) -> update(vm));
        vm.dirtyProperty().addListener((o, a, b) -> update(vm));
        vm.training().curvesVersionProperty().addListener((o, a, b) -> updateQuality(vm));
        update(vm);
    }

    private void update(ExplorerViewModel vm) {
        CurrentModel m = vm.modelProperty().get();
        if (m == null) {
            title.setText("No model");
            shape.setText("");
            data.setText("");
            quality.setText("");
            return;
        }
        title.setText(m.title() + (vm.isDirty() ? "  \u2022 unsaved" : ""));
        ModelConfig c = m.config();
        shape.setText(c.kind().describe() + ", k = " + c.latent()
                + (c.encoder().isEmpty() ? "" : ", hidden " + c.encoder().toString().replace("[", "").replace("]", "")
                .replace(" ", ""))
                + ", " + c.likelihood().describe() + (c.likelihood().inNats() ? " decoder, " : ", ")
                + c.rows() + " \u00d7 " + c.cols() + " images");
        data.setText("Trained on " + (m.dataset() == null ? "an unknown dataset" : m.dataset()));
        updateQuality(vm);
    }

    private void updateQuality(ExplorerViewModel vm) {
        CurrentModel m = vm.modelProperty().get();
        if (m == null) {
            return;
        }
        List<TrainingHistory.Epoch> epochs = m.history().epochs();
        if (epochs.isEmpty()) {
            quality.setText("Not trained yet");
            return;
        }
        TrainingHistory.Epoch last = epochs.get(epochs.size() - 1);
        org.latentexplorer.model.ModelKind kind = m.config().kind();
        String epochsText = last.epoch() + (last.epoch() == 1 ? " epoch" : " epochs");
        if (kind.hasPrior()) {
            quality.setText(String.format("%s \u00b7 test \u2212ELBO %.1f nats (reconstruction %.1f + KL %.1f)",
                    epochsText, last.testNegElbo(), last.testRecon(), last.testPenalty()));
        } else {
            quality.setText(String.format("%s \u00b7 test reconstruction %.1f%s%s", epochsText, last.testRecon(),
                    m.config().likelihood().inNats() ? " nats" : " (squared error)",
                    kind.penalty().map(p -> String.format(", %s %.2f", p.key().toUpperCase(), last.testPenalty())).orElse("")));
        }
    }
}
