package org.latentexplorer.ui.grid;

import javafx.geometry.Pos;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Slider;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

import org.latentexplorer.explore.LatentSlice;
import org.latentexplorer.ui.common.Controls;

/**
 * For a latent space of more than two dimensions: which two the grid spans, and sliders for the
 * values the others are held at.
 */
public final class PlanePane extends VBox {
    public final ComboBox<String> across = new ComboBox<>();
    final ComboBox<String> up = new ComboBox<>();
    private final GridPane held = new GridPane();
    private final Label note = Controls.caption("");
    private final GridViewModel vm;
    private boolean building;

    /** The plane picker of the window's one grid: a section with its explanation. */
    public PlanePane(GridViewModel vm) {
        this(vm, false);
    }

    /**
     * @param compact for a grid among others (side by side), folded above it: the two choices on one
     *                line, no explanation, and room for two held dimensions before scrolling, so that
     *                unfolded it leaves the grid most of its height on a small screen
     */
    public PlanePane(GridViewModel vm, boolean compact) {
        this.vm = vm;
        held.setHgap(8);
        held.setVgap(2);
        ScrollPane scroll = new ScrollPane(held);
        scroll.setFitToWidth(true);
        scroll.setMaxHeight(compact ? 72 : 180);
        scroll.getStyleClass().add("held-dims");
        scroll.visibleProperty().bind(across.disableProperty().not());
        scroll.managedProperty().bind(scroll.visibleProperty());
        Controls.tip(across, "The latent dimension the grid spans from left to right.");
        Controls.tip(up, "The latent dimension the grid spans from bottom to top.");
        across.setOnAction(e -> choose());
        up.setOnAction(e -> choose());
        GridPane dims = new GridPane();
        dims.setHgap(8);
        dims.setVgap(6);
        dims.setAlignment(Pos.CENTER_LEFT);
        if (compact) {
            dims.addRow(0, new Label("Across"), across, new Label("Up"), up);
            setSpacing(4);
            getChildren().addAll(dims, scroll);
        } else {
            dims.addRow(0, new Label("Across"), across);
            dims.addRow(1, new Label("Up"), up);
            getChildren().add(Controls.section("Latent plane", note, dims, scroll));
        }
        vm.sliceProperty().addListener((o, a, b) -> rebuild(a, b));
        rebuild(null, vm.sliceProperty().get());
    }

    private void choose() {
        if (building || across.getValue() == null || up.getValue() == null) {
            return;
        }
        int x = across.getSelectionModel().getSelectedIndex();
        int y = up.getSelectionModel().getSelectedIndex();
        if (x == y) {
            // Picking the other axis's dimension swaps the two.
            LatentSlice s = vm.sliceProperty().get();
            if (x == s.dimX()) {
                x = s.dimY();
            } else {
                y = s.dimX();
            }
        }
        vm.setDims(x, y);
    }

    private void rebuild(LatentSlice before, LatentSlice now) {
        building = true;
        try {
            int k = now.latent();
            if (before == null || before.latent() != k) {
                across.getItems().clear();
                up.getItems().clear();
                for (int d = 0; d < k; d++) {
                    across.getItems().add("z" + (d + 1));
                    up.getItems().add("z" + (d + 1));
                }
            }
            across.getSelectionModel().select(now.dimX());
            up.getSelectionModel().select(now.dimY());
            across.setDisable(k == 2);
            up.setDisable(k == 2);
            note.setText(k == 2 ? "This model's latent space has two dimensions: the grid shows all of it."
                    : "This model's latent space has " + k + " dimensions: the grid shows a plane through it;"
                    + " the others are held at the values below.");
            if (before == null || before.latent() != k || before.dimX() != now.dimX() || before.dimY() != now.dimY()) {
                held.getChildren().clear();
                int row = 0;
                for (int d = 0; d < k; d++) {
                    if (d == now.dimX() || d == now.dimY()) {
                        continue;
                    }
                    int dim = d;
                    Slider s = Controls.fineKeys(new Slider(-GridViewModel.SLIDER_LIMIT, GridViewModel.SLIDER_LIMIT, 0), 0.1);
                    Controls.showOn(s, now.held(d), GridViewModel.SLIDER_LIMIT);
                    Label value = new Label(String.format("%.1f", now.held(d)));
                    value.setMinWidth(34);
                    s.valueProperty().addListener((o, a, b) -> {
                        value.setText(String.format("%.1f", b.doubleValue()));
                        vm.setHeld(dim, Math.round(b.doubleValue() * 10) / 10.0);
                    });
                    Controls.tip(s, "Holds z" + (d + 1) + " at this value for every point of the grid (0 is the prior's mean).");
                    Label name = new Label("z" + (d + 1));
                    // Never cut to "...": on a narrow panel the slider gives up the room instead.
                    name.setMinWidth(Region.USE_PREF_SIZE);
                    held.addRow(row++, name, s, value);
                    GridPane.setHgrow(s, Priority.ALWAYS);
                }
            }
        } finally {
            building = false;
        }
    }
}
