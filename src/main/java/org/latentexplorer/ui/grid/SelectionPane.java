package org.latentexplorer.ui.grid;

import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.image.ImageView;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

import org.latentexplorer.explore.LatentSlice;
import org.latentexplorer.ui.common.Controls;
import org.latentexplorer.ui.common.Images;

/** The selected point: its image, large, its coordinates, and two sliders that move it. */
public final class SelectionPane extends VBox {
    static final double IMAGE_SIDE = 168;
    private static final double MIN_SIDE = 96;

    public final ImageView image = new ImageView();
    public final Slider x = slider();
    public final Slider y = slider();
    public final Label coordinates = new Label();
    private final Label xName = new Label("z1");
    private final Label yName = new Label("z2");
    private boolean following;

    public SelectionPane(GridViewModel vm) {
        image.setFitWidth(IMAGE_SIDE);
        image.setFitHeight(IMAGE_SIDE);
        image.setSmooth(true);
        Label hint = Controls.caption("Click the grid to pick a point.");
        hint.setAlignment(Pos.CENTER);
        hint.setMaxWidth(IMAGE_SIDE - 16);
        hint.visibleProperty().bind(vm.hasSelectionProperty().not());
        StackPane frame = new StackPane(hint, image);
        frame.getStyleClass().add("selected-image");
        frame.setMinSize(IMAGE_SIDE, IMAGE_SIDE);
        frame.setMaxSize(IMAGE_SIDE, IMAGE_SIDE);
        Controls.tip(frame, "The decoder's image of the selected latent point: the mean of p(x|z), or a draw from it.");
        coordinates.getStyleClass().add("value");
        coordinates.setWrapText(true);

        vm.selectedImageProperty().addListener((o, a, b) -> {
            image.setImage(b == null ? null : Images.gray(b.pixels(), 0, b.rows(), b.cols()));
            coordinates.setText(b == null ? "" : describe(b.z(), vm.sliceProperty().get()));
        });
        vm.selectedXProperty().addListener((o, a, b) -> follow(x, b.doubleValue()));
        vm.selectedYProperty().addListener((o, a, b) -> follow(y, b.doubleValue()));
        x.valueProperty().addListener((o, a, b) -> {
            if (!following) {
                vm.select(b.doubleValue(), vm.hasSelectionProperty().get() ? vm.selectedYProperty().get() : y.getValue());
            }
        });
        y.valueProperty().addListener((o, a, b) -> {
            if (!following) {
                vm.select(vm.hasSelectionProperty().get() ? vm.selectedXProperty().get() : x.getValue(), b.doubleValue());
            }
        });
        vm.sliceProperty().addListener((o, a, b) -> {
            xName.setText("z" + (b.dimX() + 1));
            yName.setText("z" + (b.dimY() + 1));
        });
        Controls.tip(x, "Moves the selected point along the grid's horizontal latent dimension: watch the image change continuously.");
        Controls.tip(y, "Moves the selected point along the grid's vertical latent dimension.");

        GridPane sliders = new GridPane();
        sliders.setHgap(8);
        sliders.setVgap(4);
        sliders.addRow(0, xName, x);
        sliders.addRow(1, yName, y);
        xName.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        yName.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        GridPane.setHgrow(x, Priority.ALWAYS);
        GridPane.setHgrow(y, Priority.ALWAYS);
        setSpacing(8);
        setAlignment(Pos.TOP_CENTER);
        getChildren().add(Controls.section("Selected point", frame, coordinates, sliders));
    }

    /** Draws the image larger or smaller with the interface's scale. */
    public void scaleWith(javafx.beans.value.ObservableDoubleValue scale) {
        StackPane frame = (StackPane) image.getParent();
        Runnable apply = () -> {
            // In a panel narrower than that (a large interface, or a window near its least size) it takes the panel's width.
            double side = Controls.sideWithin(Math.round(IMAGE_SIDE * scale.get()), getWidth(),
                    getWidth() - snappedLeftInset() - snappedRightInset(), MIN_SIDE);
            image.setFitWidth(side);
            image.setFitHeight(side);
            // Its least size is small, so that the panel can narrow it.
            frame.setMinSize(MIN_SIDE, side);
            frame.setMaxSize(side, side);
        };
        scale.addListener((o, a, b) -> apply.run());
        widthProperty().addListener((o, a, b) -> apply.run());
        apply.run();
    }

    private void follow(Slider s, double v) {
        following = true;
        try {
            Controls.showOn(s, v, GridViewModel.SLIDER_LIMIT);
        } finally {
            following = false;
        }
    }

    private static Slider slider() {
        Slider s = new Slider(-GridViewModel.SLIDER_LIMIT, GridViewModel.SLIDER_LIMIT, 0);
        s.setMajorTickUnit(2.5);
        s.setMinorTickCount(4);
        s.setShowTickMarks(true);
        s.setShowTickLabels(true);
        s.setMaxWidth(Double.MAX_VALUE);
        return Controls.fineKeys(s, 0.1);
    }

    static String describe(float[] z, LatentSlice slice) {
        if (z.length == 2) {
            return String.format("z1 = %.2f, z2 = %.2f", z[0], z[1]);
        }
        StringBuilder b = new StringBuilder(String.format("z%d = %.2f, z%d = %.2f", slice.dimX() + 1, z[slice.dimX()],
                slice.dimY() + 1, z[slice.dimY()]));
        b.append("\nz = (");
        for (int i = 0; i < z.length; i++) {
            b.append(i == 0 ? "" : ", ").append(String.format("%.2f", z[i]));
        }
        return b.append(')').toString();
    }
}
