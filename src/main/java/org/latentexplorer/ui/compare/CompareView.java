package org.latentexplorer.ui.compare;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.value.ObservableDoubleValue;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;

import org.latentexplorer.ui.common.Controls;
import org.latentexplorer.ui.grid.GridViewModel;
import org.latentexplorer.ui.grid.ModelOnScreen;
import org.latentexplorer.ui.session.CurrentModel;

/**
 * The comparison: a toolbar, the compared models' columns side by side (each its grid, scatter and
 * metrics), and below them whatever the window puts there (the rate-distortion chart). Esc or
 * "One model" goes back to the window's model.
 */
public final class CompareView extends BorderPane {
    private final CompareViewModel vm;
    private final HBox columns = new HBox(0);
    private final Map<ModelOnScreen, CompareColumn> byModel = new HashMap<>();
    private final ReadOnlyStringWrapper pointer = new ReadOnlyStringWrapper("");
    /** Whether any compared model has a plane to pick: then every column shows the plane's fold. */
    private final javafx.beans.property.BooleanProperty anyPlane = new javafx.beans.property.SimpleBooleanProperty();
    final Button add = new Button("Add a model\u2026");
    final Button back = new Button("One model");
    private ObservableDoubleValue scale;

    /** @param addModel asks the user for a model file and adds it */
    public CompareView(CompareViewModel vm, Runnable addModel) {
        this.vm = vm;
        setTop(toolbar(addModel));
        columns.setFillHeight(true);
        columns.setMinSize(0, 0);
        setCenter(columns);
        getStyleClass().add("compare");
        vm.models().addListener((ListChangeListener<ModelOnScreen>) c -> layoutColumns());
        layoutColumns();
    }

    /**
     * Puts a chart under the grids (the rate-distortion chart), given about a quarter of the height,
     * so that the grids keep the rest.
     */
    public void showBelow(Region chart) {
        chart.prefHeightProperty().bind(Bindings.createDoubleBinding(
                () -> Math.max(140, Math.min(300, getHeight() * 0.24)), heightProperty()));
        chart.setMinHeight(120);
        chart.setPadding(new Insets(0, 12, 4, 12));
        setBottom(chart);
    }

    /**
     * The model and the latent coordinates under the pointer, "mnist-ae.lvae   z1 = 0.52   z2 = -1.30",
     * over whichever compared grid it is; empty elsewhere.
     */
    public ReadOnlyStringProperty pointerTextProperty() {
        return pointer.getReadOnlyProperty();
    }

    /** Grid labels and margins follow the interface's scale. */
    public void scaleWith(ObservableDoubleValue s) {
        this.scale = s;
        byModel.values().forEach(c -> c.grid.scaleWith(s));
    }

    private HBox toolbar(Runnable addModel) {
        Label heading = new Label("Side by side");
        heading.getStyleClass().add("value");
        add.setOnAction(e -> addModel.run());
        add.disableProperty().bind(Bindings.size(vm.models()).greaterThanOrEqualTo(CompareViewModel.MAX_MODELS));
        Controls.tip(add, "Add a model file to the comparison (three at most).");

        Slider steps = new Slider(GridViewModel.MIN_STEPS, GridViewModel.MAX_STEPS, vm.stepsProperty().get());
        steps.setMajorTickUnit(8);
        steps.setMinorTickCount(7);
        steps.setSnapToTicks(true);
        steps.setBlockIncrement(1);
        steps.setPrefWidth(90);
        steps.valueProperty().addListener((o, a, b) -> vm.stepsProperty().set((int) Math.round(b.doubleValue())));
        vm.stepsProperty().addListener((o, a, b) -> steps.setValue(b.intValue()));
        Controls.tip(steps, "Tiles per side of every grid.");
        Label stepsValue = new Label();
        stepsValue.textProperty().bind(Bindings.format("%d \u00d7 %d", vm.stepsProperty(), vm.stepsProperty()));

        Button reset = new Button("Reset");
        reset.setOnAction(e -> vm.resetView());
        Controls.tip(reset, "Every grid back to [-5, 5]\u00b2.");
        CheckBox testSet = new CheckBox("Test set");
        testSet.selectedProperty().bindBidirectional(vm.showTestSetProperty());
        Controls.tip(testSet, "Each model's test set encoded, coloured by label: where each encoder puts each class.");
        CheckBox circles = new CheckBox("Prior");
        circles.selectedProperty().bindBidirectional(vm.showPriorCirclesProperty());
        Controls.tip(circles, "Circles at 1, 2 and 3 standard deviations of N(0, I).");
        Button sample = new Button("Sample");
        sample.setOnAction(e -> vm.sample());
        Controls.tip(sample, "The same ten points drawn from N(0, I), decoded by every model.");

        back.setOnAction(e -> vm.leave());
        back.getStyleClass().add("accent");
        Controls.tip(back, "Back to the window's model (Esc).");
        // The controls wrap when the window is narrow; One model stays at the right end.
        javafx.scene.layout.FlowPane controls = Controls.bar(heading, add, steps, stepsValue, reset, testSet, circles, sample);
        controls.getStyleClass().remove("toolbar");
        HBox.setHgrow(controls, Priority.ALWAYS);
        back.setMinWidth(Region.USE_PREF_SIZE);
        HBox bar = new HBox(8, controls, back);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(0, 12, 0, 0));
        bar.getStyleClass().add("toolbar");
        return bar;
    }

    private void pointerOver(CompareColumn column, String text) {
        if (text.isEmpty()) {
            pointer.set("");
        } else {
            CurrentModel m = column.model.session().model();
            pointer.set(m == null ? text : m.title() + "   " + text);
        }
    }

    /** One column per compared model, in order; a column that stays keeps its grid. */
    private void layoutColumns() {
        List<ModelOnScreen> models = List.copyOf(vm.models());
        byModel.keySet().retainAll(models);
        List<Node> nodes = new java.util.ArrayList<>();
        for (ModelOnScreen m : models) {
            CompareColumn c = byModel.computeIfAbsent(m, k -> {
                CompareColumn made = new CompareColumn(k, vm.metricsOf(k), () -> vm.remove(k), anyPlane);
                k.grid().sliceProperty().addListener((o, before, now) -> updateAnyPlane());
                made.grid.pointerTextProperty().addListener((o, before, now) -> pointerOver(made, now));
                if (scale != null) {
                    made.grid.scaleWith(scale);
                }
                return made;
            });
            HBox.setHgrow(c, Priority.ALWAYS);
            c.setPrefWidth(10_000);
            nodes.add(c);
        }
        if (nodes.isEmpty()) {
            Label none = Controls.caption("No model to compare: add one, or go back to one model.");
            none.setPadding(new Insets(24));
            nodes.add(none);
        }
        columns.getChildren().setAll(nodes);
        pointer.set("");
        updateAnyPlane();
    }

    /** Whether any compared model has more than two latent dimensions, so a plane to pick. */
    private void updateAnyPlane() {
        anyPlane.set(vm.models().stream().anyMatch(m -> m.grid().sliceProperty().get().latent() > 2));
    }

    /**
     * The labelled area under a compared model's grid that holds its metrics (now the figures its
     * file records), or null when the model is not compared.
     */
    public javafx.scene.layout.VBox metricsArea(ModelOnScreen m) {
        CompareColumn c = byModel.get(m);
        return c == null ? null : c.metricsArea();
    }

    /** The plane picker of a compared model (shown for more than two latent dimensions), or null. */
    public org.latentexplorer.ui.grid.PlanePane planePickerOf(ModelOnScreen m) {
        CompareColumn c = byModel.get(m);
        return c == null ? null : c.planePicker;
    }

    /** The grid view of a compared model (for tests), or null. */
    public org.latentexplorer.ui.grid.GridView gridOf(ModelOnScreen m) {
        CompareColumn c = byModel.get(m);
        return c == null ? null : c.grid;
    }
}
