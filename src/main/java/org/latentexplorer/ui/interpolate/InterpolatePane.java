package org.latentexplorer.ui.interpolate;

import java.util.Locale;
import java.util.function.Supplier;

import javafx.beans.value.ObservableBooleanValue;
import javafx.beans.value.ObservableIntegerValue;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.image.ImageView;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

import org.latentexplorer.ui.common.Controls;
import org.latentexplorer.ui.common.Images;

/**
 * Interpolation: the two ends, taken from the picked test image or the grid's selected point, the
 * decoded straight line between their codes above the pixel cross-fade of their images, each with
 * its roughness; Clear.
 */
public final class InterpolatePane extends VBox {
    private static final String BLACK_FRAME = "-fx-background-color: black; -fx-background-radius: 4; -fx-padding: 2;";
    private static final double GAP = 2;
    /** A strip of ten is shown as two rows of five: ten in one row of the side panel would be too small to read. */
    private static final int COLUMNS = 5;

    public final Button imageAsA = new Button("Use as a");
    public final Button imageAsB = new Button("Use as b");
    public final Button pointAsA = new Button("Use as a");
    public final Button pointAsB = new Button("Use as b");
    public final Label ends = new Label();
    public final VBox decoded = strip();
    public final VBox fade = strip();
    public final Label decodedTitle = Controls.caption("");
    public final Label fadeTitle = Controls.caption("");
    public final Label decodedRoughness = new Label();
    public final Label fadeRoughness = new Label();
    public final Button clear = new Button("Clear");
    private final InterpolateViewModel vm;

    /**
     * @param picked        the index of the test image picked on the scatter, or a negative number for none
     * @param hasSelection  whether the grid has a selected point
     * @param selectedPoint the selected point, all k values
     */
    public InterpolatePane(InterpolateViewModel vm, ObservableIntegerValue picked, ObservableBooleanValue hasSelection,
            Supplier<float[]> selectedPoint) {
        this.vm = vm;
        getStyleClass().add("interpolate");
        Label hint = Controls.caption("Choose two ends: pick a test image (click its point on the scatter) or select a"
                + " grid point, and make it a or b.");

        imageAsA.setOnAction(e -> vm.useImage(true, picked.get()));
        imageAsB.setOnAction(e -> vm.useImage(false, picked.get()));
        pointAsA.setOnAction(e -> vm.usePoint(true, selectedPoint.get()));
        pointAsB.setOnAction(e -> vm.usePoint(false, selectedPoint.get()));
        for (Button b : new Button[] {imageAsA, imageAsB}) {
            b.disableProperty().bind(javafx.beans.binding.Bindings.lessThan(picked, 0));
            Controls.tip(b, "The picked test image: its code is the mean of q(z|x), its own pixels go into the cross-fade.");
        }
        for (Button b : new Button[] {pointAsA, pointAsB}) {
            b.disableProperty().bind(javafx.beans.binding.Bindings.not(hasSelection));
            Controls.tip(b, "The grid's selected point: its code is the point, its image the decoder's mean there.");
        }
        VBox choose = new VBox(4, Controls.caption("The picked test image:"), pair(imageAsA, imageAsB),
                Controls.caption("The grid's selected point:"), pair(pointAsA, pointAsB));

        ends.getStyleClass().add("value");
        ends.textProperty().bind(vm.endsProperty());

        decodedTitle.setText("Decoded line z(t) = (1 \u2212 t) a + t b, t = 0 \u2026 1 row by row:");
        fadeTitle.setText("Pixel cross-fade (1 \u2212 t) x_a + t x_b of the two images:");
        Controls.tip(decoded, "The decoder's mean image at ten evenly spaced points of the straight line between the"
                + " two codes: for a latent space that is continuous, a path of images that each look like data.");
        Controls.tip(fade, "The two images blended pixel by pixel: a double exposure, never a digit in between.");
        Label roughnessTitle = Controls.caption("Roughness, the sum of squared pixel steps along the strip:");
        GridPane roughness = new GridPane();
        roughness.setHgap(12);
        roughness.addRow(0, Controls.caption("decoded line"), Controls.caption("cross-fade"));
        roughness.addRow(1, decodedRoughness, fadeRoughness);
        decodedRoughness.getStyleClass().add("value");
        fadeRoughness.getStyleClass().add("value");
        Controls.tip(roughness, "The sum over the strip of the squared pixel distance between neighbouring images:"
                + " small when every step changes the image a little.");
        Label explanation = Controls.caption("The cross-fade takes the smoothest way there is between its two images,"
                + " equal steps through double exposures; the decoder's line goes through images of its own,"
                + " digits for a continuous latent space, so its steps are larger where it changes from one to the"
                + " next.");
        VBox strips = new VBox(6, decodedTitle, decoded, fadeTitle, fade, roughnessTitle, roughness, explanation);
        strips.visibleProperty().bind(vm.resultProperty().isNotNull());
        strips.managedProperty().bind(strips.visibleProperty());

        clear.setOnAction(e -> vm.clear());
        clear.disableProperty().bind(vm.fromProperty().isNull().and(vm.toProperty().isNull()));
        Controls.tip(clear, "Forget both ends.");
        HBox buttons = new HBox(8, clear);
        buttons.setAlignment(Pos.CENTER_RIGHT);

        vm.resultProperty().addListener((o, a, b) -> show(b));
        getChildren().add(Controls.section("Interpolate", hint, choose, ends, strips, buttons));
    }

    /** For tests in this package: the state the pane and the grid's overlay show. */
    InterpolateViewModel viewModel() {
        return vm;
    }

    private void show(InterpolateViewModel.Result r) {
        decoded.getChildren().clear();
        fade.getChildren().clear();
        if (r == null) {
            decodedRoughness.setText("");
            fadeRoughness.setText("");
            return;
        }
        fill(decoded, r.path().images(), r);
        fill(fade, r.fade(), r);
        decodedRoughness.setText(String.format(Locale.ROOT, "%.1f", r.path().roughness()));
        fadeRoughness.setText(String.format(Locale.ROOT, "%.1f", r.fadeRoughness()));
    }

    /** The images of a strip, in rows of {@link #COLUMNS}. */
    private static void fill(VBox strip, float[] images, InterpolateViewModel.Result r) {
        HBox row = null;
        for (int i = 0; i < r.path().steps(); i++) {
            if (i % COLUMNS == 0) {
                row = new HBox(GAP);
                strip.getChildren().add(row);
            }
            row.getChildren().add(view(Images.gray(images, i, r.rows(), r.cols()), strip));
        }
    }

    /** An image a fifth of its strip wide, so that a strip always fits the panel and grows with it. */
    private static ImageView view(javafx.scene.image.Image image, VBox strip) {
        ImageView v = new ImageView(image);
        v.setSmooth(true);
        v.setPreserveRatio(true);
        v.fitWidthProperty().bind(javafx.beans.binding.Bindings.createDoubleBinding(() -> Math.max(1, Math.floor(
                (strip.getWidth() - strip.getInsets().getLeft() - strip.getInsets().getRight() - GAP * (COLUMNS - 1))
                        / COLUMNS)), strip.widthProperty(), strip.insetsProperty()));
        return v;
    }

    private static HBox pair(Button a, Button b) {
        for (Button x : new Button[] {a, b}) {
            x.setMaxWidth(Double.MAX_VALUE);
            HBox.setHgrow(x, Priority.ALWAYS);
        }
        Controls.wrapWhenNarrow(a, b);
        return new HBox(8, a, b);
    }

    private static VBox strip() {
        VBox h = new VBox(GAP);
        h.setStyle(BLACK_FRAME);
        h.setMinWidth(0);
        h.setMaxWidth(Double.MAX_VALUE);
        h.setMinHeight(Region.USE_PREF_SIZE);
        return h;
    }
}
