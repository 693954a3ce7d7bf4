package org.latentexplorer.ui.training;

import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.HBox;
import javafx.util.StringConverter;
import org.latentexplorer.ui.common.Controls;

/**
 * The controls of one hyper-parameter: a slider with the knob's layout (0..1 finely, then up to its
 * end), arrow keys moving it by its fine step and Page keys by ten, a field to type an exact value,
 * and a line naming what was wrong with a typed one. The training pane shows them in full, the
 * presentation bar only the slider and its value.
 */
public final class KnobControl {
    public final KnobViewModel vm;
    public final Slider slider = new Slider(0, 1, 0);
    public final TextField field = new TextField();
    public final Label error = Controls.caption("");
    final Label name;
    private boolean following;

    public KnobControl(KnobViewModel vm) {
        this.vm = vm;
        this.name = new Label(vm.knob().symbol() + " =");
        name.getStyleClass().add("value");
        field.setPrefColumnCount(5);
        field.setText(KnobViewModel.format(vm.get()));
        field.setOnAction(e -> typed());
        field.focusedProperty().addListener((o, a, b) -> {
            if (!b) {
                typed();
            }
        });
        Controls.tip(field, "Type an exact " + vm.knob().name() + " from "
                + org.latentexplorer.model.ModelKind.format(vm.knob().min()) + " to "
                + org.latentexplorer.model.ModelKind.format(vm.knob().sliderMax()) + " and press Enter.");
        error.getStyleClass().add("field-error");
        error.visibleProperty().bind(error.textProperty().isNotEmpty());
        error.managedProperty().bind(error.visibleProperty());

        slider.setValue(KnobViewModel.positionOf(vm.knob(), vm.get()));
        slider.valueProperty().addListener((o, a, b) -> {
            if (!following) {
                vm.valueProperty().set(KnobViewModel.valueAt(vm.knob(), b.doubleValue()));
            }
        });
        vm.valueProperty().addListener((o, a, b) -> {
            following = true;
            try {
                slider.setValue(KnobViewModel.positionOf(vm.knob(), b.doubleValue()));
            } finally {
                following = false;
            }
            field.setText(KnobViewModel.format(b.doubleValue()));
            error.setText("");
        });
        // Arrow keys move the value by its fine step, Page keys by ten of them.
        slider.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            int direction = switch (e.getCode()) {
                case RIGHT, UP, KP_RIGHT, KP_UP -> 1;
                case LEFT, DOWN, KP_LEFT, KP_DOWN -> -1;
                case PAGE_UP -> 10;
                case PAGE_DOWN -> -10;
                default -> 0;
            };
            if (direction == 0) {
                return;
            }
            double v = vm.get();
            for (int i = 0; i < Math.abs(direction); i++) {
                v = KnobViewModel.nudge(vm.knob(), v, direction);
            }
            vm.valueProperty().set(v);
            e.consume();
        });
        boolean split = vm.knob().sliderMax() > 1;
        slider.setMajorTickUnit(split ? 0.5 : 0.25);
        slider.setMinorTickCount(4);
        slider.setShowTickMarks(true);
        slider.setShowTickLabels(true);
        slider.setLabelFormatter(new StringConverter<>() {
            @Override
            public String toString(Double p) {
                return KnobViewModel.format(KnobViewModel.valueAt(vm.knob(), p)).replaceAll("\\.0$", "");
            }

            @Override
            public Double fromString(String s) {
                return 0.0;
            }
        });
        Controls.tip(slider, vm.knob().description() + " A running training uses the new value from its next iteration.");
    }

    /** The name and the typed field, on one line. */
    HBox valueRow() {
        HBox row = new HBox(6, name, field);
        row.setAlignment(Pos.CENTER_LEFT);
        return row;
    }

    private void typed() {
        String problem = vm.type(field.getText());
        error.setText(problem == null ? "" : problem);
        field.setText(KnobViewModel.format(vm.get()));
    }
}
