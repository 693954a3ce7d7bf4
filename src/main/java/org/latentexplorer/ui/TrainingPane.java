package org.latentexplorer.ui;

import java.nio.file.Path;
import java.util.function.Supplier;

import javafx.beans.binding.Bindings;
import javafx.geometry.HPos;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Slider;
import javafx.scene.control.Spinner;
import javafx.scene.control.SpinnerValueFactory;
import javafx.scene.control.TextField;
import javafx.scene.control.TextFormatter;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.Window;
import javafx.util.StringConverter;

import org.latentexplorer.ui.TrainingViewModel.DecoderKind;
import org.latentexplorer.ui.TrainingViewModel.State;

/** The training form, its buttons, the progress and the beta slider. */
final class TrainingPane extends VBox {
    private static final String FOLDER = "Folder \u2026";

    final Button train = new Button("Train");
    final Button pause = new Button("Pause");
    final Button cancel = new Button("Cancel");
    final Slider betaSlider = new Slider(0, 1, TrainingViewModel.positionOf(1));
    final ProgressBar progress = new ProgressBar(0);

    final TextField betaField = new TextField();
    final Label betaError = Controls.caption("");
    final TextField seed = new TextField();
    private boolean followingBeta;

    /**
     * @param startTraining what the Train button does: the window asks first when a new training
     *                      would replace unsaved weights
     */
    TrainingPane(TrainingViewModel vm, FileDialogs dialogs, Supplier<Window> owner, Runnable startTraining) {
        ComboBox<String> dataset = new ComboBox<>();
        dataset.getItems().addAll(vm.datasetChoices());
        dataset.getItems().add(FOLDER);
        dataset.setValue(vm.datasetProperty().get());
        dataset.setMaxWidth(Double.MAX_VALUE);
        dataset.setOnAction(e -> {
            String v = dataset.getValue();
            if (FOLDER.equals(v)) {
                dialogs.dataFolder(owner.get()).map(Path::toString).ifPresentOrElse(folder -> {
                    if (!dataset.getItems().contains(folder)) {
                        dataset.getItems().add(dataset.getItems().size() - 1, folder);
                    }
                    dataset.setValue(folder);
                }, () -> dataset.setValue(vm.datasetProperty().get()));
            } else if (v != null) {
                vm.datasetProperty().set(v);
            }
        });
        Controls.tip(dataset, "The images to train on; its held-out test set gives the per-epoch test values"
                + " and the scatter of the posterior means.");

        Spinner<Integer> latent = intSpinner(2, 64, vm.latentProperty().get(), 1);
        latent.getValueFactory().valueProperty().addListener((o, a, b) -> vm.latentProperty().set(b));
        Controls.tip(latent, "k, the number of latent dimensions: 2 lets the grid show the whole latent space;"
                + " more reconstructs better and the grid shows a plane through it.");

        TextField hidden = new TextField(vm.hiddenProperty().get());
        hidden.textProperty().bindBidirectional(vm.hiddenProperty());
        Controls.tip(hidden, "Widths of the encoder's hidden layers, e.g. 512,256; the decoder mirrors them.");

        ComboBox<DecoderKind> decoder = new ComboBox<>();
        decoder.getItems().setAll(DecoderKind.values());
        decoder.valueProperty().bindBidirectional(vm.decoderProperty());
        decoder.setMaxWidth(Double.MAX_VALUE);
        Controls.tip(decoder, "p(x|z): Bernoulli pixels (reconstruction = cross-entropy), Gaussian pixels with"
                + " fixed sigma (squared error), or a plain autoencoder with no KL term, to compare its latent space.");

        Spinner<Integer> epochs = intSpinner(1, 1000, vm.epochsProperty().get(), 1);
        epochs.getValueFactory().valueProperty().addListener((o, a, b) -> vm.epochsProperty().set(b));
        Controls.tip(epochs, "Passes over the training set; after each one the model is measured on the test set.");

        ComboBox<Double> lr = new ComboBox<>();
        lr.getItems().addAll(1e-4, 3e-4, 1e-3, 3e-3, 1e-2);
        lr.setEditable(true);
        lr.setConverter(new StringConverter<>() {
            @Override
            public String toString(Double v) {
                return v == null ? "" : v.toString().replace("E-", "e-");
            }

            @Override
            public Double fromString(String s) {
                try {
                    return Double.valueOf(s.trim());
                } catch (NumberFormatException e) {
                    return vm.learningRateProperty().get();
                }
            }
        });
        lr.setValue(vm.learningRateProperty().get());
        lr.valueProperty().addListener((o, a, b) -> {
            if (b != null) {
                vm.learningRateProperty().set(b);
            }
        });
        lr.setMaxWidth(Double.MAX_VALUE);
        Controls.tip(lr, "Adam's step size: too large and the loss jumps or diverges, too small and learning crawls.");

        Spinner<Integer> batch = intSpinner(1, 4096, vm.batchSizeProperty().get(), 32);
        batch.getValueFactory().valueProperty().addListener((o, a, b) -> vm.batchSizeProperty().set(b));
        Controls.tip(batch, "Images per iteration: each step averages the ELBO gradient over this many images.");

        seed.textProperty().bindBidirectional(vm.seedProperty());
        seed.setPrefColumnCount(6);
        Controls.tip(seed, "Fixes the initial weights, the order of the images and the noise: the same seed and"
                + " settings give the same curves and the same latent layout on every computer in the room.");

        CheckBox resume = new CheckBox("Continue the current model");
        resume.selectedProperty().bindBidirectional(vm.continueCurrentProperty());
        Controls.tip(resume, "Train the model on screen further, on its own dataset, with the beta and epochs"
                + " below; its shape stays as it is.");

        GridPane form = new GridPane();
        form.setHgap(8);
        form.setVgap(6);
        ColumnConstraints labels = new ColumnConstraints();
        labels.setHalignment(HPos.RIGHT);
        labels.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        ColumnConstraints fields = new ColumnConstraints();
        fields.setHgrow(Priority.ALWAYS);
        fields.setFillWidth(true);
        form.getColumnConstraints().addAll(labels, fields);
        int row = 0;
        form.addRow(row++, new Label("Dataset"), dataset);
        form.addRow(row++, new Label("Latent k"), latent);
        form.addRow(row++, new Label("Hidden"), hidden);
        form.addRow(row++, new Label("Decoder"), decoder);
        form.addRow(row++, new Label("Epochs"), epochs);
        form.addRow(row++, new Label("Learning rate"), lr);
        form.addRow(row++, new Label("Batch"), batch);
        form.addRow(row++, new Label("Seed"), seed);
        form.add(resume, 0, row, 2, 1);
        for (var n : new javafx.scene.Node[] {latent, hidden, decoder, dataset}) {
            n.disableProperty().bind(vm.continueCurrentProperty().or(vm.activeProperty()));
        }
        for (var n : new javafx.scene.Node[] {epochs, lr, batch, resume, seed}) {
            n.disableProperty().bind(vm.activeProperty());
        }
        latent.setMaxWidth(Double.MAX_VALUE);
        epochs.setMaxWidth(Double.MAX_VALUE);
        batch.setMaxWidth(Double.MAX_VALUE);

        train.getStyleClass().add("accent");
        train.setDefaultButton(false);
        train.setOnAction(e -> startTraining.run());
        train.disableProperty().bind(vm.activeProperty());
        Controls.tip(train, "Start training in the background (Ctrl+T); the charts, grid and scatter follow it live.");
        pause.setOnAction(e -> vm.pauseOrResume());
        pause.textProperty().bind(Bindings.when(vm.stateProperty().isEqualTo(State.PAUSED)).then("Resume").otherwise("Pause"));
        pause.disableProperty().bind(vm.stateProperty().isNotEqualTo(State.RUNNING).and(vm.stateProperty().isNotEqualTo(State.PAUSED)));
        Controls.tip(pause, "Hold the training after the current iteration, to look at the latent space; press again to go on (Ctrl+P).");
        cancel.setOnAction(e -> vm.cancel());
        cancel.disableProperty().bind(vm.stateProperty().isNotEqualTo(State.RUNNING).and(vm.stateProperty().isNotEqualTo(State.PAUSED)));
        Controls.tip(cancel, "Stop training after the current iteration; the weights so far stay, ready to save.");
        for (Button b : new Button[] {train, pause, cancel}) {
            b.setMaxWidth(Double.MAX_VALUE);
            HBox.setHgrow(b, Priority.ALWAYS);
        }
        HBox buttons = new HBox(6, train, pause, cancel);

        // The progress takes the same room whether or not a training runs, so nothing below it (the
        // beta slider) moves under the pointer when training starts or reports.
        progress.progressProperty().bind(vm.progressProperty());
        progress.setMaxWidth(Double.MAX_VALUE);
        progress.visibleProperty().bind(vm.activeProperty());
        Label progressText = Controls.caption("");
        progressText.textProperty().bind(vm.progressTextProperty());
        progressText.getStyleClass().add("progress-text");
        Controls.lines(progressText, 2);
        progressText.setTextOverrun(javafx.scene.control.OverrunStyle.ELLIPSIS);
        progressText.setAlignment(javafx.geometry.Pos.TOP_LEFT);
        progressText.setMaxWidth(Double.MAX_VALUE);

        Label betaValue = new Label("\u03b2 =");
        betaValue.getStyleClass().add("value");
        betaField.setPrefColumnCount(5);
        betaField.setText(formatBeta(vm.betaProperty().get()));
        betaField.setOnAction(e -> typeBeta(vm));
        betaField.focusedProperty().addListener((o, a, b) -> {
            if (!b) {
                typeBeta(vm);
            }
        });
        Controls.tip(betaField, "Type an exact beta from 0 to 10 and press Enter.");
        betaError.getStyleClass().add("field-error");
        betaError.visibleProperty().bind(betaError.textProperty().isNotEmpty());
        betaError.managedProperty().bind(betaError.visibleProperty());
        betaSlider.setValue(TrainingViewModel.positionOf(vm.betaProperty().get()));
        betaSlider.valueProperty().addListener((o, a, b) -> {
            if (!followingBeta) {
                vm.betaProperty().set(TrainingViewModel.betaAt(b.doubleValue()));
            }
        });
        vm.betaProperty().addListener((o, a, b) -> {
            followingBeta = true;
            try {
                betaSlider.setValue(TrainingViewModel.positionOf(b.doubleValue()));
            } finally {
                followingBeta = false;
            }
            betaField.setText(formatBeta(b.doubleValue()));
            betaError.setText("");
        });
        // Arrow keys move beta by its fine step (0.01 below 1, 0.1 above), Page keys by ten of them.
        betaSlider.addEventFilter(javafx.scene.input.KeyEvent.KEY_PRESSED, e -> {
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
            double b = vm.betaProperty().get();
            for (int i = 0; i < Math.abs(direction); i++) {
                b = TrainingViewModel.nudgeBeta(b, direction);
            }
            vm.betaProperty().set(b);
            e.consume();
        });
        betaSlider.setMajorTickUnit(0.5);
        betaSlider.setMinorTickCount(4);
        betaSlider.setShowTickMarks(true);
        betaSlider.setShowTickLabels(true);
        betaSlider.setLabelFormatter(new StringConverter<>() {
            @Override
            public String toString(Double p) {
                return p < 0.25 ? "0" : p < 0.75 ? "1" : "10";
            }

            @Override
            public Double fromString(String s) {
                return 0.0;
            }
        });
        Controls.tip(betaSlider, "Beta weighs the KL term against reconstruction: near 0 the model is almost a plain"
                + " autoencoder; above 1 the posterior is pulled toward the prior, giving a smoother, blurrier"
                + " latent space. A running training uses the new beta from its next iteration.");
        VBox.setMargin(betaSlider, new Insets(0, 4, 0, 4));

        // Beta first: the lecture's control stays in view on a small screen, above everything that
        // changes height while training.
        getChildren().addAll(
                Controls.section("KL weight", betaRow(betaValue), betaError, betaSlider,
                        Controls.caption("loss = reconstruction + \u03b2 \u00b7 KL(q(z|x) \u2016 N(0, I))")),
                Controls.section("Train", form, buttons, progress, progressText));
        setSpacing(14);
    }

    private HBox betaRow(Label name) {
        HBox row = new HBox(6, name, betaField);
        row.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        return row;
    }

    private void typeBeta(TrainingViewModel vm) {
        String problem = vm.typeBeta(betaField.getText());
        if (problem != null) {
            betaError.setText(problem);
            betaField.setText(formatBeta(vm.betaProperty().get()));
        } else {
            betaError.setText("");
            betaField.setText(formatBeta(vm.betaProperty().get()));
        }
    }

    /** 2 decimals, without trailing zeros past the first: 1.0, 0.25, 3.5. */
    static String formatBeta(double b) {
        String s = String.format(java.util.Locale.ROOT, "%.2f", b);
        return s.endsWith("0") ? s.substring(0, s.length() - 1) : s;
    }

    private static Spinner<Integer> intSpinner(int min, int max, int value, int step) {
        Spinner<Integer> s = new Spinner<>();
        SpinnerValueFactory.IntegerSpinnerValueFactory f = new SpinnerValueFactory.IntegerSpinnerValueFactory(min, max, value, step);
        s.setValueFactory(f);
        s.setEditable(true);
        // A typed number counts when focus leaves, not only on Enter; anything else keeps the old value.
        StringConverter<Integer> lenient = new StringConverter<>() {
            @Override
            public String toString(Integer v) {
                return v == null ? "" : v.toString();
            }

            @Override
            public Integer fromString(String text) {
                try {
                    return Math.max(min, Math.min(max, Integer.parseInt(text.trim())));
                } catch (NumberFormatException e) {
                    return f.getValue();
                }
            }
        };
        f.setConverter(lenient);
        TextFormatter<Integer> formatter = new TextFormatter<>(lenient, value);
        s.getEditor().setTextFormatter(formatter);
        f.valueProperty().bindBidirectional(formatter.valueProperty());
        return s;
    }
}
