package org.latentexplorer.ui.modelinfo;

import javafx.scene.control.Label;
import javafx.scene.layout.VBox;
import org.latentexplorer.ui.ExplorerViewModel;
import org.latentexplorer.ui.common.Controls;
import org.latentexplorer.ui.session.CurrentModel;


/** What the current model is: file, shape, data, how far it has trained. */
public final class ModelPane extends VBox {
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
        Controls.tip(quality, "The negative ELBO on the test set: reconstruction + KL at beta = 1, in nats per image;"
                + " lower is a better model of the data.");
        getChildren().add(Controls.section("Model", title, shape, data, quality));
        vm.session().modelProperty().addListener((o, a, b) -> update(vm));
        vm.session().dirtyProperty().addListener((o, a, b) -> update(vm));
        vm.training().curvesVersionProperty().addListener((o, a, b) -> updateQuality(vm));
        update(vm);
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
        shape.setText(ModelDescription.shape(m.config()));
        data.setText(ModelDescription.data(m));
        updateQuality(vm);
    }

    private void updateQuality(ExplorerViewModel vm) {
        CurrentModel m = vm.session().modelProperty().get();
        if (m == null) {
            return;
        }
        quality.setText(ModelDescription.quality(m));
    }
}
