package org.latentexplorer.ui;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;
import java.util.stream.Stream;

import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.event.EventHandler;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.stage.Stage;
import org.latentexplorer.ui.common.Controls;
import org.latentexplorer.ui.common.UiScale;
import org.latentexplorer.ui.grid.GridView;
import org.latentexplorer.ui.session.CurrentModel;
import org.latentexplorer.ui.training.KnobControl;
import org.latentexplorer.ui.training.KnobViewModel;
import org.latentexplorer.ui.training.TrainingViewModel;

/**
 * F5: the window for a projector. Full screen, everything larger, a high-contrast dark palette,
 * and only the grid and the controls a lecture needs: the model picker, train / pause, beta and
 * sample, all on keys too ([ and ] for beta, T, S, M). Esc leaves and puts every panel back.
 */
final class PresentationMode {
    private final ExplorerViewModel vm;
    private final Stage stage;
    private final BorderPane root;
    private final BorderPane centre;
    private final GridView grid;
    private final UiScale scale;
    private final Runnable train;
    private final Consumer<Path> open;
    private final Path modelsFolder;
    private final ReadOnlyBooleanWrapper on = new ReadOnlyBooleanWrapper(this, "on");
    final ComboBox<Path> models = new ComboBox<>();
    final Button trainButton = new Button();
    /** The main hyper-parameter of the kind in the form (beta for a VAE), or nothing for a kind without one. */
    private final HBox knobSlot = new HBox(10);
    private KnobControl knob;
    private final java.util.Map<KnobViewModel, KnobControl> barKnobs = new java.util.HashMap<>();
    final Button sample = new Button("Sample");
    private Node left;
    private Node right;
    private Node top;
    private Node centreTop;
    private Node centreBottom;
    private final HBox bar;
    private final EventHandler<KeyEvent> keys = this::key;
    private boolean picking;
    /** The picker's list was closed by Enter or a click on a model: that model is opened. */
    private boolean chosen;
    /** The picker's list has just closed: the key that closed it comes on to the window after it. */
    private boolean listJustClosed;

    /**
     * @param train starts, pauses or resumes training (the window asks first about unsaved work)
     * @param open  opens a model file (the window asks first about unsaved work)
     */
    PresentationMode(ExplorerViewModel vm, Stage stage, BorderPane root, BorderPane centre, GridView grid,
                     UiScale scale, Runnable train, Consumer<Path> open, Path modelsFolder) {
        this.vm = vm;
        this.stage = stage;
        this.root = root;
        this.centre = centre;
        this.grid = grid;
        this.scale = scale;
        this.train = train;
        this.open = open;
        this.modelsFolder = modelsFolder;
        this.bar = bar();
        stage.fullScreenProperty().addListener((o, a, b) -> {
            if (!b && on.get()) {
                leave();
            }
        });
    }

    ReadOnlyBooleanProperty onProperty() {
        return on.getReadOnlyProperty();
    }

    boolean isOn() {
        return on.get();
    }

    private HBox bar() {
        models.setPromptText("Model");
        // JavaFX's own button cell keeps the last model's name when the value goes back to none.
        models.setButtonCell(new javafx.scene.control.ListCell<>() {
            @Override
            protected void updateItem(Path item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null ? models.getPromptText() : item.getFileName().toString());
            }
        });
        models.setConverter(new javafx.util.StringConverter<>() {
            @Override
            public String toString(Path p) {
                return p == null ? "" : p.getFileName().toString();
            }

            @Override
            public Path fromString(String s) {
                return null;
            }
        });
        // The list's value follows the arrow keys, an action each step: a model is opened when the
        // list closes on it by Enter or a click, not at the first arrow (which opened the unsaved
        // model's question under the next keys, Enter then answering it); closed otherwise (Escape,
        // a click elsewhere) it names the model on screen again.
        models.skinProperty().addListener((o, a, skin) -> {
            if (skin instanceof javafx.scene.control.skin.ComboBoxListViewSkin<?> s) {
                Node list = s.getPopupContent();
                list.addEventFilter(KeyEvent.KEY_PRESSED, e -> chosen |= e.getCode() == KeyCode.ENTER);
                list.addEventFilter(javafx.scene.input.MouseEvent.MOUSE_RELEASED, e -> chosen |= onACell(e));
            }
        });
        models.setOnShowing(e -> chosen = false);
        models.setOnAction(e -> {
            if (!models.isShowing()) {
                pick();
            }
        });
        models.setOnHidden(e -> {
            boolean open = chosen;
            chosen = false;
            listJustClosed = true;
            // After the list has closed: the unsaved model's question must not start inside it.
            javafx.application.Platform.runLater(() -> {
                listJustClosed = false;
                if (open) {
                    pick();
                } else {
                    showCurrent();
                }
            });
        });
        // An open under way ends in another model, or fails and leaves this one: the picker follows.
        vm.session().modelProperty().addListener((o, a, b) -> {
            if (on.get()) {
                showCurrent();
            }
        });
        vm.session().busyProperty().addListener((o, a, busy) -> {
            if (!busy && on.get()) {
                showCurrent();
            }
        });
        models.disableProperty().bind(vm.training().activeProperty());
        Controls.tip(models, "Open another model (M).");

        trainButton.textProperty().bind(Bindings.createStringBinding(() -> switch (vm.training().stateProperty().get()) {
            case RUNNING -> "Pause";
            case PAUSED -> "Resume";
            case LOADING, STOPPING -> "\u2026";
            default -> "Train";
        }, vm.training().stateProperty()));
        trainButton.getStyleClass().add("accent");
        trainButton.setOnAction(e -> {
            trainOrPause();
            grid.requestFocus();
        });

        showKnob(vm.training().kindProperty().get());
        vm.training().kindProperty().addListener((o, a, b) -> showKnob(b));
        knobSlot.setAlignment(Pos.CENTER_LEFT);
        HBox.setHgrow(knobSlot, Priority.SOMETIMES);

        sample.setOnAction(e -> {
            vm.sampling().sample();
            grid.requestFocus();
        });
        Label hint = new Label("Esc leaves");
        hint.getStyleClass().add("caption");
        hint.setMinWidth(Region.USE_PREF_SIZE);
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox h = new HBox(16, models, trainButton, knobSlot, sample, spacer, hint);
        for (Region r : new Region[] {models, trainButton, sample}) {
            r.setMinWidth(Region.USE_PREF_SIZE);
        }
        h.setAlignment(Pos.CENTER_LEFT);
        h.setPadding(new Insets(10, 18, 10, 18));
        h.getStyleClass().add("presentation-bar");
        return h;
    }

    void toggle() {
        if (on.get()) {
            leave();
        } else {
            enter();
        }
    }

    void enter() {
        if (on.get()) {
            return;
        }
        left = root.getLeft();
        right = root.getRight();
        top = root.getTop();
        centreTop = centre.getTop();
        centreBottom = centre.getBottom();
        root.setLeft(null);
        root.setRight(null);
        centre.setTop(null);
        centre.setBottom(null);
        root.setTop(bar);
        refreshModels();
        root.getStyleClass().add("presentation");
        grid.darkPage(true);
        scale.presentingProperty().set(true);
        stage.getScene().addEventFilter(KeyEvent.KEY_PRESSED, keys);
        on.set(true);
        stage.setFullScreenExitHint("");
        // Escape is the window's own (key): it closes the picker's list when that is open, and
        // leaves the presentation otherwise; the stage would leave full screen on any Escape.
        stage.setFullScreenExitKeyCombination(javafx.scene.input.KeyCombination.NO_MATCH);
        stage.setFullScreen(true);
        grid.requestFocus();
    }

    void leave() {
        if (!on.get()) {
            return;
        }
        on.set(false);
        stage.getScene().removeEventFilter(KeyEvent.KEY_PRESSED, keys);
        root.setTop(top);
        root.setLeft(left);
        root.setRight(right);
        centre.setTop(centreTop);
        centre.setBottom(centreBottom);
        root.getStyleClass().remove("presentation");
        grid.darkPage(false);
        scale.presentingProperty().set(false);
        if (stage.isFullScreen()) {
            stage.setFullScreen(false);
        }
        grid.requestFocus();
    }

    /** The models folder's models and the one on screen. */
    private void refreshModels() {
        models.getItems().clear();
        if (modelsFolder != null && Files.isDirectory(modelsFolder)) {
            try (Stream<Path> files = Files.list(modelsFolder)) {
                files.filter(p -> p.getFileName().toString().endsWith(".lvae")).sorted().forEach(models.getItems()::add);
            } catch (IOException e) {
                vm.notifier().status("Could not list the models in " + modelsFolder + ": " + e.getMessage());
            }
        }
        showCurrent();
    }

    /** The picker names the model on screen (without listing the folder again). */
    private void showCurrent() {
        picking = true;
        try {
            CurrentModel m = vm.session().modelProperty().get();
            if (m != null && m.file() != null) {
                if (!models.getItems().contains(m.file())) {
                    models.getItems().add(0, m.file());
                }
                models.setValue(m.file());
            } else {
                models.setValue(null);   // an untitled model: the picker shows its prompt
            }
        } finally {
            picking = false;
        }
    }

    private void trainOrPause() {
        TrainingViewModel t = vm.training();
        if (t.isActive()) {
            t.pauseOrResume();
        } else {
            train.run();
        }
    }

    private static boolean onACell(javafx.scene.input.MouseEvent e) {
        for (Node n = e.getPickResult().getIntersectedNode(); n != null; n = n.getParent()) {
            if (n instanceof javafx.scene.control.ListCell<?> cell) {
                return !cell.isEmpty();
            }
        }
        return false;
    }

    /** Opens the model the picker names, unless it is the one on screen. */
    private void pick() {
        Path p = models.getValue();
        CurrentModel m = vm.session().modelProperty().get();
        if (!picking && p != null && (m == null || !p.equals(m.file()))) {
            open.accept(p);
            if (!vm.session().busyProperty().get()) {
                // Nothing under way (the question was cancelled): back to the model on screen.
                showCurrent();
            }
            grid.requestFocus();
        }
    }

    private void key(KeyEvent e) {
        if (e.isShortcutDown() || e.isAltDown()) {
            return;
        }
        if (models.isShowing() || listJustClosed) {
            // The picker's list has the keys; Escape closes the list, not the presentation.
            if (e.getCode() == KeyCode.ESCAPE) {
                models.hide();
                e.consume();
            }
            return;
        }
        TrainingViewModel t = vm.training();
        switch (e.getCode()) {
            case ESCAPE -> leave();
            case CLOSE_BRACKET, PAGE_UP -> nudgeKnob(1);
            case OPEN_BRACKET, PAGE_DOWN -> nudgeKnob(-1);
            case T, SPACE -> trainOrPause();
            case S -> vm.sampling().sample();
            case M -> {
                models.requestFocus();
                models.show();
            }
            default -> {
                return;
            }
        }
        e.consume();
    }

    /** The bar's slider: the first hyper-parameter of the kind (beta, lambda or the noise), if it has one. */
    private void showKnob(org.latentexplorer.model.ModelKind kind) {
        java.util.List<KnobViewModel> knobs = vm.training().knobs(kind);
        knob = knobs.isEmpty() ? null : barKnobs.computeIfAbsent(knobs.get(0), KnobControl::new);
        if (knob == null) {
            knobSlot.getChildren().clear();
            return;
        }
        Label value = new Label();
        value.getStyleClass().add("value");
        value.textProperty().bind(Bindings.createStringBinding(knob.vm::label, knob.vm.valueProperty()));
        value.setMinWidth(Region.USE_PREF_SIZE);
        knob.slider.setPrefWidth(260);
        knob.slider.setShowTickLabels(false);
        HBox.setHgrow(knob.slider, Priority.SOMETIMES);
        Controls.tip(knob.slider, "The " + knob.vm.knob().name() + " (] up, [ down).");
        knobSlot.getChildren().setAll(value, knob.slider);
    }

    private void nudgeKnob(int direction) {
        if (knob != null) {
            knob.vm.valueProperty().set(knob.vm.nudged(direction));
        }
    }

    /** The bar's slider, for tests; null for a kind without hyper-parameters. */
    Slider knobSlider() {
        return knob == null ? null : knob.slider;
    }
}
