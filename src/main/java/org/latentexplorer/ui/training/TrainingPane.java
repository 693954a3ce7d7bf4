package org.latentexplorer.ui.training;

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

import org.latentexplorer.model.ModelKind;
import org.latentexplorer.model.ModelKinds;
import org.latentexplorer.ui.training.TrainingViewModel.Decoder;
import org.latentexplorer.ui.common.Controls;
import org.latentexplorer.ui.common.FileDialogs;
import org.latentexplorer.ui.common.Images;

/**
 * The kind's loss and its hyper-parameters (beta for a VAE, lambda for the sparse and probabilistic
 * autoencoders, the noise of the denoising one), the training form, its buttons and the progress.
 */
public final class TrainingPane extends VBox {
    private static final String FOLDER = "Folder \u2026";

    public final Button train = new Button("Train");
    public final Button pause = new Button("Pause");
    public final Button cancel = new Button("Cancel");
    /** The dataset to train on. */
    public final ComboBox<String> dataset = new ComboBox<>();
    final ProgressBar progress = new ProgressBar(0);
    final TextField seed = new TextField();
    final ComboBox<ModelKind> kind = new ComboBox<>();
    /** The controls of every kind's hyper-parameters, by kind id and key, made once. */
    private final java.util.Map<String, KnobControl> knobControls = new java.util.LinkedHashMap<>();
    private final VBox loss = new VBox(8);
    private final Label formula = Controls.caption("");

    /**
     * @param startTraining what the Train button does: the window asks first when a new training
     *                      would replace unsaved weights
     */
    public TrainingPane(TrainingViewModel vm, FileDialogs dialogs, Supplier<Window> owner, Runnable startTraining) {
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
        // While Continue is ticked the run trains on the model's own dataset: the box says so, and
        // the form's choice comes back when it is unticked.
        DatasetCell shown = new DatasetCell(vm);
        dataset.setButtonCell(shown);
        for (javafx.beans.Observable o : new javafx.beans.Observable[] {vm.continueCurrentProperty(), vm.modelDatasetProperty()}) {
            o.addListener(x -> shown.refresh());
        }

        Spinner<Integer> latent = intSpinner(2, 64, vm.latentProperty().get(), 1);
        latent.getValueFactory().valueProperty().addListener((o, a, b) -> vm.latentProperty().set(b));
        Controls.tip(latent, "k, the number of latent dimensions: 2 lets the grid show the whole latent space;"
                + " more reconstructs better and the grid shows a plane through it.");

        TextField hidden = new TextField(vm.hiddenProperty().get());
        hidden.textProperty().bindBidirectional(vm.hiddenProperty());
        Controls.tip(hidden, "Widths of the encoder's hidden layers, e.g. 512,256; the decoder mirrors them.");

        kind.getItems().setAll(ModelKinds.all());
        kind.setConverter(new StringConverter<>() {
            @Override
            public String toString(ModelKind k) {
                return k == null ? "" : k.title();
            }

            @Override
            public ModelKind fromString(String text) {
                return null;
            }
        });
        kind.valueProperty().bindBidirectional(vm.kindProperty());
        kind.setMaxWidth(Double.MAX_VALUE);
        Controls.tip(kind, "Which autoencoder of the lecture to train: the VAE, whose latent space is continuous and"
                + " complete, or one of the others (plain, sparse, denoising, probabilistic, linear, PCA) to compare.");

        ComboBox<Decoder> decoder = new ComboBox<>();
        decoder.getItems().setAll(Decoder.values());
        decoder.valueProperty().bindBidirectional(vm.decoderProperty());
        decoder.setMaxWidth(Double.MAX_VALUE);
        Controls.tip(decoder, "p(x|z): Bernoulli pixels (reconstruction = cross-entropy) or Gaussian pixels with"
                + " fixed sigma (squared error). The linear autoencoder and PCA use the plain squared error.");

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
        resume.disableProperty().bind(vm.activeProperty().or(vm.canContinueProperty().not()));
        Controls.wrapWhenNarrow(resume);
        Controls.tip(resume, "Train the model on screen further, on its own dataset, with the beta and epochs"
                + " below; its shape stays as it is.");

        GridPane form = new GridPane();
        form.getStyleClass().add("training-form");
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
        // The kind across the whole form, unlabelled (its choices name themselves): beside the
        // labels' column, "Sparse autoencoder" was cut short at 1024 x 768.
        kind.setAccessibleText("Kind of model");
        form.add(kind, 0, row++, 2, 1);
        Label datasetLabel = new Label("Dataset");
        // Wide enough for "0.001" beside a list's arrow, "512,256" or "mnist" (a larger interface in
        // a small window showed "0.0" for 0.001), and narrow enough for 800 x 600 without scrolling.
        Controls.atLeastEms(fields, datasetLabel, 5.8);
        form.addRow(row++, datasetLabel, dataset);
        form.addRow(row++, new Label("Latent k"), latent);
        form.addRow(row++, new Label("Hidden"), hidden);
        form.addRow(row++, new Label("Decoder"), decoder);
        form.addRow(row++, new Label("Epochs"), epochs);
        form.addRow(row++, new Label("Learning rate"), lr);
        form.addRow(row++, new Label("Batch"), batch);
        form.addRow(row++, new Label("Seed"), seed);
        form.add(resume, 0, row, 2, 1);
        for (var n : new javafx.scene.Node[] {kind, latent, dataset}) {
            n.disableProperty().bind(vm.continueCurrentProperty().or(vm.activeProperty()));
        }
        // A linear model has no hidden layers and no decoder distribution to choose.
        var linear = Bindings.createBooleanBinding(() -> vm.kindProperty().get().linear(), vm.kindProperty());
        for (var n : new javafx.scene.Node[] {hidden, decoder}) {
            n.disableProperty().bind(vm.continueCurrentProperty().or(vm.activeProperty()).or(linear));
        }
        // PCA is computed in closed form: no epochs, steps, batches or random start.
        var fitted = Bindings.createBooleanBinding(() -> vm.kindProperty().get().fitted(), vm.kindProperty());
        for (var n : new javafx.scene.Node[] {epochs, lr, batch, seed}) {
            n.disableProperty().bind(vm.activeProperty().or(fitted));
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
        pause.textProperty().bind(Bindings.when(vm.stateProperty().isEqualTo(TrainingViewModel.State.PAUSED)).then("Resume").otherwise("Pause"));
        pause.disableProperty().bind(vm.stateProperty().isNotEqualTo(TrainingViewModel.State.RUNNING).and(vm.stateProperty().isNotEqualTo(TrainingViewModel.State.PAUSED)));
        Controls.tip(pause, "Hold the training after the current iteration, to look at the latent space; press again to go on (Ctrl+P).");
        cancel.setOnAction(e -> vm.cancel());
        cancel.disableProperty().bind(vm.stateProperty().isNotEqualTo(TrainingViewModel.State.RUNNING).and(vm.stateProperty().isNotEqualTo(TrainingViewModel.State.PAUSED)));
        Controls.tip(cancel, "Stop training after the current iteration; the weights so far stay, ready to save.");
        // The keyboard stays with the run's buttons: Train hands it to Pause, which holds the run on
        // Space, and Pause or Cancel hand it back to Train when the run ends.
        Controls.handFocus(train, pause);
        Controls.handFocus(pause, train);
        Controls.handFocus(cancel, train);
        for (Button b : new Button[] {train, pause, cancel}) {
            b.setMaxWidth(Double.MAX_VALUE);
            HBox.setHgrow(b, Priority.ALWAYS);
        }
        HBox buttons = new HBox(6, train, pause, cancel);
        // Narrower padding: on a 1024-pixel screen the panel holds "Train", "Resume" and "Cancel" whole.
        buttons.getStyleClass().add("run-buttons");

        // The progress takes the same room whether or not a training runs, so nothing below it (the
        // form) moves under the pointer when training starts or reports.
        progress.progressProperty().bind(vm.progressProperty());
        progress.setMaxWidth(Double.MAX_VALUE);
        progress.visibleProperty().bind(vm.activeProperty());
        Label progressText = Controls.caption("");
        // While nothing runs and nothing was said, the line says what Train would do.
        progressText.textProperty().bind(Bindings.createStringBinding(() -> {
            String said = vm.progressTextProperty().get();
            if (!said.isEmpty() || vm.isActive()) {
                return said;
            }
            String planned = TrainingViewModel.count(vm.epochsProperty().get(), "epoch");
            return vm.continueCurrentProperty().get() ? "Train continues the model on screen for " + planned + "."
                    : "Train makes " + vm.kindProperty().get().aTitle() + " on " + vm.datasetProperty().get()
                    + (vm.kindProperty().get().fitted() ? "." : ", " + planned + ".");
        }, vm.progressTextProperty(), vm.activeProperty(), vm.epochsProperty(), vm.continueCurrentProperty(),
                vm.kindProperty(), vm.datasetProperty()));
        progressText.getStyleClass().add("progress-text");
        Controls.lines(progressText, 2);
        progressText.setTextOverrun(javafx.scene.control.OverrunStyle.ELLIPSIS);
        progressText.setAlignment(javafx.geometry.Pos.TOP_LEFT);
        progressText.setMaxWidth(Double.MAX_VALUE);

        for (ModelKind k : ModelKinds.all()) {
            for (KnobViewModel knob : vm.knobs(k)) {
                knobControls.put(k.id() + "." + knob.knob().key(), new KnobControl(knob));
            }
        }
        formula.getStyleClass().add("formula");
        showLoss(vm, vm.kindProperty().get());
        vm.kindProperty().addListener((o, a, b) -> showLoss(vm, b));

        getChildren().addAll(
                Controls.section("Loss", loss),
                Controls.section("Train", buttons, progress, progressText, form));
        setSpacing(14);
    }

    /**
     * The kind's loss as the lecture writes it, and the controls of its hyper-parameters: beta only
     * for the VAE, lambda for the sparse and probabilistic autoencoders, the noise for the denoising one.
     */
    private void showLoss(TrainingViewModel vm, ModelKind k) {
        formula.setText("loss = " + k.formula());
        loss.getChildren().setAll(formula);
        for (KnobViewModel knob : vm.knobs(k)) {
            KnobControl c = knobControls.get(k.id() + "." + knob.knob().key());
            javafx.scene.layout.VBox.setMargin(c.slider, new Insets(0, 4, 0, 4));
            loss.getChildren().addAll(c.valueRow(), c.error, c.slider);
        }
    }

    /** The controls of a kind's hyper-parameter, e.g. ("vae", "beta"). */
    public KnobControl knob(String kindId, String key) {
        KnobControl c = knobControls.get(kindId + "." + key);
        if (c == null) {
            throw new IllegalArgumentException(kindId + " has no hyper-parameter " + key);
        }
        return c;
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

    /** The dataset box's face: the form's choice, or the model's own dataset while Continue is ticked. */
    private static final class DatasetCell extends javafx.scene.control.ListCell<String> {
        private final TrainingViewModel vm;

        DatasetCell(TrainingViewModel vm) {
            this.vm = vm;
        }

        @Override
        protected void updateItem(String item, boolean empty) {
            super.updateItem(item, empty);
            String own = vm.continueCurrentProperty().get() ? vm.modelDatasetProperty().get() : null;
            setText(own != null ? own : empty ? null : item);
        }

        void refresh() {
            updateItem(getItem(), isEmpty());
        }
    }
}
