package org.latentexplorer.ui.inspect;

import javafx.beans.binding.Bindings;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.TilePane;
import javafx.scene.layout.VBox;

import org.latentexplorer.ui.common.Controls;
import org.latentexplorer.ui.common.Images;

/**
 * The picked test image: original | reconstruction, its label and its mu and sigma, the images of a
 * few draws from q(z|x), and what they mean for the model's kind; Draw again and Clear.
 */
public final class InspectPane extends VBox {
    static final double IMAGE_SIDE = 84;
    static final double DRAW_SIDE = 48;
    private static final double MIN_IMAGE_SIDE = 48;
    private static final double PAIR_GAP = 6;
    private static final String BLACK_FRAME = "-fx-background-color: black; -fx-background-radius: 6; -fx-padding: 3;";

    public final ImageView original = image(IMAGE_SIDE);
    public final ImageView reconstruction = image(IMAGE_SIDE);
    public final TilePane draws = new TilePane(4, 4);
    public final Label summary = new Label();
    public final Label explanation = Controls.caption("");
    public final Button drawAgain = new Button("Draw again");
    public final Button clear = new Button("Clear");
    private final InspectViewModel vm;

    public InspectPane(InspectViewModel vm) {
        this.vm = vm;
        getStyleClass().add("inspect");
        Label hint = Controls.caption("Click a point of the test set (tick Test set above the grid) to see its image,"
                + " its reconstruction and its posterior q(z|x).");
        hint.visibleProperty().bind(vm.pickedProperty().isEqualTo(InspectViewModel.NONE));
        hint.managedProperty().bind(hint.visibleProperty());

        HBox images = new HBox(PAIR_GAP, framed(original), framed(reconstruction));
        // One caption under both, on one line: under each image, "reconstruction" was broken in two
        // at 1024 x 768. A narrower panel cuts it short with "...".
        Label caption = Controls.caption("original \u2192 reconstruction");
        caption.setWrapText(false);
        VBox pair = new VBox(2, images, caption);
        pair.setMaxWidth(Region.USE_PREF_SIZE);
        caption.maxWidthProperty().bind(images.widthProperty());
        Controls.tip(pair, "The test image, and the decoder's image of its code mu: what the autoencoder keeps of it.");
        summary.getStyleClass().add("value");
        summary.setWrapText(true);

        draws.setPrefColumns(3);
        draws.setPrefTileWidth(DRAW_SIDE);
        draws.setPrefTileHeight(DRAW_SIDE);
        draws.setStyle(BLACK_FRAME);
        draws.setMaxWidth(Region.USE_PREF_SIZE);
        Label drawsTitle = Controls.caption("Draws z = \u03bc + \u03c3 \u00b7 \u03b5 from q(z|x), decoded:");
        VBox drawsBox = new VBox(4, drawsTitle, draws);
        drawsBox.visibleProperty().bind(Bindings.isNotEmpty(draws.getChildren()));
        drawsBox.managedProperty().bind(drawsBox.visibleProperty());
        Controls.tip(draws, "Codes drawn from the posterior and decoded; their points are the small numbered"
                + " squares on the grid.");

        drawAgain.setOnAction(e -> vm.drawAgain());
        drawAgain.disableProperty().bind(drawsBox.visibleProperty().not());
        Controls.tip(drawAgain, "New draws from the same posterior.");
        clear.setOnAction(e -> vm.clear());
        Controls.tip(clear, "Forget the picked image (Esc on the grid).");
        HBox buttons = new HBox(8, drawAgain, clear);
        HBox.setHgrow(drawAgain, Priority.ALWAYS);

        explanation.textProperty().bind(vm.explanationProperty());
        summary.textProperty().bind(vm.summaryProperty());
        VBox shown = new VBox(8, pair, summary, drawsBox, explanation, buttons);
        shown.visibleProperty().bind(vm.pickedProperty().isNotEqualTo(InspectViewModel.NONE));
        shown.managedProperty().bind(shown.visibleProperty());

        vm.inspectionProperty().addListener((o, a, b) -> {
            show(b);
            if (b != null && (a == null || a.index() != b.index())) {
                javafx.application.Platform.runLater(this::reveal);
            }
        });
        getChildren().add(Controls.section("Inspect a test image", hint, shown));
    }

    /**
     * Draws the images larger or smaller with the interface's scale; in a panel too narrow for the
     * two side by side (a window near its least size), they narrow to fit it.
     */
    public void scaleWith(javafx.beans.value.ObservableDoubleValue scale) {
        Runnable apply = () -> {
            // Two side by side, each in a frame 6 pixels wider.
            double side = Controls.sideWithin(Math.round(IMAGE_SIDE * scale.get()), getWidth(),
                    (getWidth() - snappedLeftInset() - snappedRightInset() - PAIR_GAP) / 2 - 6, MIN_IMAGE_SIDE);
            for (ImageView v : new ImageView[] {original, reconstruction}) {
                v.setFitWidth(side);
                v.setFitHeight(side);
            }
            draws.setPrefTileWidth(Math.round(DRAW_SIDE * scale.get()));
            draws.setPrefTileHeight(Math.round(DRAW_SIDE * scale.get()));
        };
        scale.addListener((o, a, b) -> apply.run());
        widthProperty().addListener((o, a, b) -> apply.run());
        apply.run();
    }

    /** Scrolls the side panel holding this pane, if need be, so that the pane's top is in view. */
    private void reveal() {
        javafx.scene.Node n = getParent();
        while (n != null && !(n instanceof javafx.scene.control.ScrollPane)) {
            n = n.getParent();
        }
        if (!(n instanceof javafx.scene.control.ScrollPane scroll) || scroll.getContent() == null) {
            return;
        }
        javafx.scene.Node content = scroll.getContent();
        if (content instanceof javafx.scene.Parent p) {
            p.applyCss();
            p.layout();   // the images just shown change the pane's height
        }
        double spare = content.getLayoutBounds().getHeight() - scroll.getViewportBounds().getHeight();
        if (spare <= 0) {
            return;
        }
        double top = content.sceneToLocal(localToScene(0, 0)).getY();
        double bottom = top + getHeight();
        double shownTop = scroll.getVvalue() * spare;
        double shownBottom = shownTop + scroll.getViewportBounds().getHeight();
        if (top < shownTop || bottom > shownBottom) {
            scroll.setVvalue(Math.max(0, Math.min(1, top / spare)));
        }
    }

    /** For tests in this package: the state the pane and the grid's overlay show. */
    InspectViewModel viewModel() {
        return vm;
    }

    private void show(InspectViewModel.Inspection i) {
        draws.getChildren().clear();
        if (i == null) {
            original.setImage(null);
            reconstruction.setImage(null);
            return;
        }
        original.setImage(Images.gray(i.original(), 0, i.rows(), i.cols()));
        reconstruction.setImage(Images.gray(i.reconstruction(), 0, i.rows(), i.cols()));
        for (int k = 0; k < i.drawCount(); k++) {
            Image img = Images.gray(i.drawImages(), k, i.rows(), i.cols());
            ImageView v = new ImageView(img);
            v.setSmooth(true);
            v.fitWidthProperty().bind(draws.prefTileWidthProperty());
            v.fitHeightProperty().bind(draws.prefTileHeightProperty());
            Label number = new Label(Integer.toString(k + 1));
            number.setStyle("-fx-text-fill: #a3e635; -fx-font-size: 0.714em; -fx-font-weight: bold;");
            StackPane cell = new StackPane(v, number);
            StackPane.setAlignment(number, Pos.TOP_LEFT);
            draws.getChildren().add(cell);
        }
    }

    private static ImageView image(double side) {
        ImageView v = new ImageView();
        v.setFitWidth(side);
        v.setFitHeight(side);
        v.setSmooth(true);
        return v;
    }

    private static StackPane framed(ImageView image) {
        StackPane frame = new StackPane(image);
        frame.setStyle(BLACK_FRAME);
        // The same size before an image arrives as after; its least width small, so that a narrow
        // panel can narrow the image (scaleWith).
        frame.prefWidthProperty().bind(image.fitWidthProperty().add(6));
        frame.setMinWidth(MIN_IMAGE_SIDE + 6);
        frame.minHeightProperty().bind(image.fitHeightProperty().add(6));
        frame.setMaxSize(Region.USE_PREF_SIZE, Region.USE_PREF_SIZE);
        return frame;
    }
}
