package org.latentexplorer.ui.modelinfo;

import javafx.scene.control.Label;
import javafx.scene.layout.VBox;
import org.latentexplorer.ui.ExplorerViewModel;
import org.latentexplorer.ui.common.Controls;
import org.latentexplorer.ui.session.CurrentModel;


/** What the current model is: file, shape, data, how far it has trained. */
public final class ModelPane extends VBox {
    /** Below this width, in ems of the captions' font, the kind and the figures get three lines. */
    static final double NARROW_EMS = 22;
    final Label title = new Label();
    private final Label shape = Controls.caption("");
    private final Label data = Controls.caption("");
    private final Label quality = Controls.caption("");

    public ModelPane(ExplorerViewModel vm) {
        title.getStyleClass().add("model-title");
        title.setTextOverrun(javafx.scene.control.OverrunStyle.CENTER_ELLIPSIS);
        // Fixed heights: a new model's shorter or longer description must not move the controls below.
        Controls.lines(title, 1);
        Controls.lines(shape, 2);
        Controls.lines(data, 1);
        Controls.lines(quality, 2);
        // In a narrow panel (an 800 x 600 window) the two long lines take three lines each, so they
        // end whole rather than in "..."; the height still depends on the width only, not the text.
        widthProperty().addListener((o, a, b) -> {
            int n = b.doubleValue() < NARROW_EMS * shape.getFont().getSize() ? 3 : 2;
            Controls.lines(shape, n);
            Controls.lines(quality, n);
        });
        Controls.tip(quality, "The negative ELBO on the test set: reconstruction + KL at beta = 1, in nats per image;"
                + " lower is a better model of the data.");
        getChildren().add(Controls.section("Model", title, shape, data, quality));
        vm.session().modelProperty().addListener((o, a, b) -> update(vm));
        vm.session().dirtyProperty().addListener((o, a, b) -> update(vm));
        // While a training runs, what it reports (and a beta changed during it) shows as it comes.
        vm.training().curvesVersionProperty().addListener((o, a, b) -> updateLive(vm));
        update(vm);
    }

    /** What the pane says the model is ("VAE (\u03b2 = 1), k = 2, hidden 512,256, ..."). */
    public String describedKind() {
        return shape.getText();
    }

    private void update(ExplorerViewModel vm) {
        CurrentModel m = vm.session().modelProperty().get();
        if (m == null) {
            title.setText("No model");
            shape.setText("");
            data.setText("");
            quality.setText("");
            return;
        }
        title.setText(m.title() + (vm.session().isDirty() ? "  \u2022 unsaved" : ""));
        data.setText(ModelDescription.data(m));
        updateLive(vm);
    }

    /** The kind with its hyper-parameters of the moment, and the model's quality so far. */
    private void updateLive(ExplorerViewModel vm) {
        CurrentModel m = vm.session().modelProperty().get();
        if (m == null) {
            return;
        }
        shape.setText(ModelDescription.shape(m.liveConfig()));
        quality.setText(ModelDescription.quality(m));
    }
}
