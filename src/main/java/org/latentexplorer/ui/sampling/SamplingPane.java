package org.latentexplorer.ui.sampling;

import javafx.beans.binding.Bindings;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.RadioButton;
import javafx.scene.control.Slider;
import javafx.scene.control.ToggleGroup;
import javafx.scene.image.ImageView;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.TilePane;
import javafx.scene.layout.VBox;

import org.latentexplorer.explore.DecodeMode;
import org.latentexplorer.ui.common.Controls;
import org.latentexplorer.ui.common.Images;
import org.latentexplorer.ui.grid.GridViewModel;
import org.latentexplorer.ui.session.CurrentModel;

/** Sampling from the prior, the temperature, the decode mode, and the strip of sampled images. */
public final class SamplingPane extends VBox {
    static final double THUMB = 52;

    public final Button sample = new Button("Sample from the prior");
    public final Slider temperature = new Slider(SamplingViewModel.MIN_TEMPERATURE, SamplingViewModel.MAX_TEMPERATURE, 1);
    final RadioButton mean = new RadioButton("Mean of p(x|z)");
    final RadioButton draw = new RadioButton("Sample from p(x|z)");
    public final TilePane strip = new TilePane(4, 4);

    /** Said under the button when the model on screen has no prior to sample. */
    public final javafx.scene.control.Label noPrior = Controls.caption("");

    public SamplingPane(SamplingViewModel vm, GridViewModel grid, javafx.beans.value.ObservableValue<CurrentModel> model) {
        sample.setMaxWidth(Double.MAX_VALUE);
        sample.setOnAction(e -> vm.sample());
        Controls.tip(sample, "Draw z from the prior N(0, I) (scaled by the temperature) and decode it: what the model"
                + " generates. The points are marked on the grid (Ctrl+D, or S on the grid).");
        temperature.valueProperty().bindBidirectional(vm.temperatureProperty());
        Controls.fineKeys(temperature, 0.1);
        temperature.setMajorTickUnit(1);
        temperature.setMinorTickCount(4);
        temperature.setShowTickMarks(true);
        temperature.setShowTickLabels(true);
        Controls.tip(temperature, "Scales the prior's standard deviation: below 1 stays near its centre, above 1"
                + " reaches the tails, where the decoder has seen the fewest codes.");
        Label t = new Label();
        t.getStyleClass().add("value");
        t.textProperty().bind(Bindings.format("temperature T = %.1f", vm.temperatureProperty()));

        ToggleGroup modes = new ToggleGroup();
        mean.setToggleGroup(modes);
        draw.setToggleGroup(modes);
        mean.setSelected(grid.modeProperty().get() == DecodeMode.MEAN);
        draw.setSelected(grid.modeProperty().get() == DecodeMode.SAMPLE);
        modes.selectedToggleProperty().addListener((o, a, b) -> {
            if (b != null) {
                grid.modeProperty().set(b == draw ? DecodeMode.SAMPLE : DecodeMode.MEAN);
            }
        });
        grid.modeProperty().addListener((o, a, b) -> (b == DecodeMode.SAMPLE ? draw : mean).setSelected(true));
        Controls.tip(mean, "Show the decoder's mean image of each point: smooth, the expected image under p(x|z).");
        Controls.tip(draw, "Show one random draw from p(x|z) for each point: what the generative model really"
                + " outputs, pixel noise included. Applies to the grid, the selected point and the samples.");

        strip.setPrefColumns(5);
        strip.setPrefTileWidth(THUMB);
        strip.setPrefTileHeight(THUMB);
        strip.getStyleClass().add("sample-strip");
        strip.visibleProperty().bind(Bindings.isNotEmpty(strip.getChildren()));
        strip.managedProperty().bind(strip.visibleProperty());
        vm.samplesProperty().addListener((o, a, b) -> {
            strip.getChildren().clear();
            if (b == null) {
                return;
            }
            for (int i = 0; i < b.count(); i++) {
                ImageView v = new ImageView(Images.gray(b.pixels(), i, b.rows(), b.cols()));
                v.fitWidthProperty().bind(strip.prefTileWidthProperty());
                v.fitHeightProperty().bind(strip.prefTileHeightProperty());
                Label number = new Label(Integer.toString(i + 1));
                number.getStyleClass().add("sample-number");
                StackPane cell = new StackPane(v, number);
                StackPane.setAlignment(number, Pos.TOP_LEFT);
                strip.getChildren().add(cell);
            }
        });
        strip.setPrefColumns(5);
        VBox modeBox = new VBox(4, mean, draw);
        noPrior.visibleProperty().bind(noPrior.textProperty().isNotEmpty());
        noPrior.managedProperty().bind(noPrior.visibleProperty());
        model.addListener((o, a, b) -> explainPrior(b));
        explainPrior(model.getValue());
        Controls.wrapWhenNarrow(sample, t, mean, draw);
        getChildren().add(Controls.section("Sampling", sample, noPrior, t, temperature, modeBox, strip));
    }

    /** Draws the sampled images larger or smaller with the interface's scale. */
    public void scaleWith(javafx.beans.value.ObservableDoubleValue scale) {
        Runnable apply = () -> {
            strip.setPrefTileWidth(Math.round(THUMB * scale.get()));
            strip.setPrefTileHeight(Math.round(THUMB * scale.get()));
        };
        scale.addListener((o, a, b) -> apply.run());
        apply.run();
    }

    /**
     * Only a VAE has the prior N(0, I) as part of the model. For the others the same draws are codes
     * the model was never asked to fill: what they decode to shows whether its latent space is complete.
     */
    private void explainPrior(CurrentModel m) {
        org.latentexplorer.model.ModelKind kind = m == null ? null : m.config().kind();
        sample.setText(kind == null || kind.hasPrior() ? "Sample from the prior" : "Sample from N(0, I)");
        noPrior.setText(kind == null || kind.hasPrior() ? ""
                : "This " + kind.aTitle().replaceFirst("^an? ", "")
                + " has no prior: the points are drawn from N(0, I) all the same, to show what it makes of codes it"
                + " was never asked to fill.");
    }
}
