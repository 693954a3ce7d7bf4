package org.latentexplorer.ui;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;

import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;

import org.latentexplorer.data.AssetLocator;
import org.latentexplorer.data.DataSplit;
import org.latentexplorer.data.Datasets;
import org.latentexplorer.model.ModelFile;
import org.latentexplorer.model.ModelFiles;
import org.latentexplorer.model.SavedModel;
import org.latentexplorer.model.Network;

/**
 * The window's state: which model is shown, its dataset, whether trained weights are unsaved, and
 * the messages the user must see. Holds the view models of the grid, the training and the
 * sampling. Lives on the UI thread; slow work goes through {@link Tasks}. Uses JavaFX properties
 * only, so it runs in tests without a toolkit.
 */
public final class ExplorerViewModel {
    /** The model the window opens with. */
    public static final String SHIPPED_MODEL = "mnist-vae.lvae";
    /** Encoding more test images than this adds nothing visible to the scatter and slows redraws. */
    static final int MAX_SCATTER = 5000;

    final Tasks tasks;
    final LatentSpaceWorker worker;
    private final AssetLocator assets;
    private final Path recoveryFile;
    private final ReadOnlyObjectWrapper<CurrentModel> model = new ReadOnlyObjectWrapper<>(this, "model");
    private final ReadOnlyObjectWrapper<DataSplit> data = new ReadOnlyObjectWrapper<>(this, "data");
    private final ReadOnlyBooleanWrapper dirty = new ReadOnlyBooleanWrapper(this, "dirty");
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy");
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(this, "status", "");
    private final ObjectProperty<UserMessage> message = new SimpleObjectProperty<>(this, "message");
    /** The training run whose finished model last replaced the training model, or null. */
    private org.latentexplorer.train.TrainingRun endedRun;

    private final GridViewModel grid;
    private final SamplingViewModel sampling;
    private final TrainingViewModel training;

    public ExplorerViewModel(Tasks tasks, AssetLocator assets) {
        this(tasks, assets, null);
    }

    /**
     * @param recoveryFile where unsaved training is written after every epoch, so that a crash or a
     *                     power cut does not lose it; null for none
     */
    public ExplorerViewModel(Tasks tasks, AssetLocator assets, Path recoveryFile) {
        this.tasks = tasks;
        this.assets = assets;
        this.recoveryFile = recoveryFile;
        this.worker = new LatentSpaceWorker(tasks);
        this.grid = new GridViewModel(this);
        this.sampling = new SamplingViewModel(this);
        this.training = new TrainingViewModel(this);
    }

    public GridViewModel grid() {
        return grid;
    }

    public SamplingViewModel sampling() {
        return sampling;
    }

    public TrainingViewModel training() {
        return training;
    }

    public ReadOnlyObjectProperty<CurrentModel> modelProperty() {
        return model.getReadOnlyProperty();
    }

    CurrentModel model() {
        return model.get();
    }

    public ReadOnlyObjectProperty<DataSplit> dataProperty() {
        return data.getReadOnlyProperty();
    }

    /** True while trained weights are not saved to a file. */
    public ReadOnlyBooleanProperty dirtyProperty() {
        return dirty.getReadOnlyProperty();
    }

    public boolean isDirty() {
        return dirty.get();
    }

    /** True while a model file is being opened or saved. */
    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    /** The latest message for a dialog; the view shows it and sets this back to null. */
    public ObjectProperty<UserMessage> messageProperty() {
        return message;
    }

    void status(String text) {
        status.set(text);
    }

    void tell(String title, String text) {
        message.set(new UserMessage(title, text));
    }

    /** The shipped model file, which the window opens at start. */
    public Path shippedModel() {
        return assets.models().resolve(SHIPPED_MODEL);
    }

    /**
     * The folder file choosers start in: the current model's, else the shipped models'; but when
     * that folder cannot be written (an installed copy's), the user's own models folder.
     */
    public Path modelsFolder() {
        CurrentModel m = model.get();
        Path folder = m != null && m.file() != null && m.file().getParent() != null ? m.file().getParent()
                : assets.models();
        if (Files.isDirectory(folder) && !Files.isWritable(folder)) {
            Path own = org.latentexplorer.runtime.UserDirs.current().data().resolve("models");
            try {
                return Files.createDirectories(own);
            } catch (java.io.IOException | SecurityException e) {
                return folder;
            }
        }
        return folder;
    }

    /**
     * Reads a model file in the background and shows it: a Latent Explorer model file or a VAE
     * saved by Deeplearning4j. A file that cannot be read leaves the current model as it was and
     * says which file and why.
     */
    public void open(Path file) {
        open(file, () -> { });
    }

    /** As {@link #open(Path)}, then ifFailed on the UI thread when the file cannot be opened. */
    public void open(Path file, Runnable ifFailed) {
        if (training.isActive()) {
            tell("Training is running", "Cancel the training before opening " + file + ".");
            return;
        }
        busy.set(true);
        status("Opening " + file + " ...");
        tasks.submit(Tasks.Lane.FILES, () -> {
            if (!Files.exists(file)) {
                throw new java.io.FileNotFoundException(file + ": no such file");
            }
            boolean imported = ModelFiles.format(file) == ModelFiles.Format.DEEPLEARNING4J;
            SavedModel saved = ModelFiles.read(file);
            return new Opened(saved, Network.from(saved), imported);
        }, opened -> {
            busy.set(false);
            // A recovered model is still unsaved: Save asks where, and a close asks first. An
            // imported one is not in this program's format: Save asks where, so that the original
            // file is never overwritten.
            boolean recovered = file.equals(recoveryFile);
            show(new CurrentModel(recovered || opened.imported() ? null : file, opened.saved(), null), opened.vae(),
                    recovered, null);
            status(recovered ? "Opened the recovered training; save it to keep it"
                    : opened.imported() ? importedStatus(file, opened.saved()) : "Opened " + file);
        }, failure -> {
            busy.set(false);
            status("Could not open " + file);
            tell("Could not open the model", explain(failure, file));
            ifFailed.run();
        });
    }

    private record Opened(SavedModel saved, Network vae, boolean imported) {
    }

    private static String importedStatus(Path file, SavedModel saved) {
        return "Opened " + file + ", a VAE trained with Deeplearning4j"
                + (saved.info().get("dataset") == null
                        ? "; it does not record its dataset, so no test set is shown" : "")
                + "; File > Save As keeps it as a .lvae model";
    }

    /**
     * Shows a model: installs it for decoding, redraws, and shows its test set in the scatter
     * (split when the caller has it already, else read in the background).
     */
    void show(CurrentModel m, Network weights, boolean unsaved, DataSplit split) {
        CurrentModel before = model.get();
        model.set(m);
        dirty.set(unsaved);
        grid.modelChanged(m.config());
        worker.install(weights, () -> {
            grid.redraw();
            sampling.redraw();
        }, failure -> tell("Could not show the model", explain(failure, m.file())));
        String dataset = m.dataset();
        boolean sameData = before != null && data.get() != null && dataset != null
                && dataset.equals(before.dataset()) && before.config().rows() == m.config().rows()
                && before.config().cols() == m.config().cols();
        if (split != null) {
            showData(split);
        } else if (sameData) {
            grid.encodeTestSet();
        } else {
            data.set(null);
            grid.encodeTestSet();
            if (dataset != null) {
                loadData(dataset, m);
            }
        }
    }

    void showData(DataSplit split) {
        data.set(split);
        grid.encodeTestSet();
    }

    private void loadData(String dataset, CurrentModel forModel) {
        int rows = forModel.config().rows();
        int cols = forModel.config().cols();
        tasks.submit(Tasks.Lane.FILES, () -> {
            try {
                return Datasets.load(dataset, rows, cols);
            } catch (org.latentexplorer.data.DataException missing) {
                // A model of the full Fashion-MNIST still gets a scatter where only the shipped part is.
                if (dataset.equals("fashion-mnist-full")) {
                    return Datasets.load("fashion-mnist", rows, cols);
                }
                throw missing;
            }
        }, split -> {
            if (model.get() == forModel) {
                showData(split);
            }
        }, failure -> status("The test set of " + forModel.title() + " (" + dataset + ") is not available: "
                + failure.getMessage()));
    }

    /**
     * Writes the current model (during training: the weights of the last finished iteration,
     * without stopping) to file, then calls onSaved on the UI thread.
     */
    public void save(Path file, Runnable onSaved) {
        CurrentModel m = model.get();
        if (m == null) {
            return;
        }
        busy.set(true);
        status("Saving " + file + " ...");
        long iterationAtSave = training.iterationsDone();
        tasks.submit(Tasks.Lane.FILES, () -> {
            SavedModel toSave = m.toSave();
            ModelFile.write(file, toSave);
            return toSave;
        }, written -> {
            busy.set(false);
            CurrentModel now = model.get();
            // The run saved may have ended meanwhile: its finished model is still the one saved.
            boolean endedMeanwhile = m.run() != null && now.run() == null && endedRun == m.run();
            if (now == m || m.run() != null && now.run() == m.run() || endedMeanwhile) {
                // now.saved() is what was written, unless training went on after the snapshot.
                model.set(new CurrentModel(file, now.saved(), now.run()));
                // Training that goes on after the save changes the weights again.
                dirty.set(m.run() != null && training.iterationsDone() > iterationAtSave);
                training.markSaved(iterationAtSave);
                if (!dirty.get()) {
                    discardRecovery();
                }
            }
            status("Saved " + file);
            onSaved.run();
        }, failure -> {
            busy.set(false);
            status("Could not save " + file);
            tell("Could not save the model", explain(failure, file));
        });
    }

    /** The file unsaved training is kept in, if it exists: left by a session that ended without saving. */
    public java.util.Optional<Path> recoveredModel() {
        return recoveryFile != null && Files.isRegularFile(recoveryFile) ? java.util.Optional.of(recoveryFile)
                : java.util.Optional.empty();
    }

    /** Writes the current, unsaved model to the recovery file (in the background). */
    void keepForRecovery() {
        CurrentModel m = model.get();
        if (recoveryFile == null || m == null || !dirty.get()) {
            return;
        }
        tasks.submit(Tasks.Lane.FILES, () -> {
            ModelFile.write(recoveryFile, m.toSave());
            return recoveryFile;
        }, done -> { }, failure -> status("Could not keep a recovery copy of the training: "
                + explain(failure, recoveryFile)));
    }

    /** The user saved or chose to discard: the recovery copy is no longer needed. */
    public void discardRecovery() {
        if (recoveryFile == null) {
            return;
        }
        try {
            Files.deleteIfExists(recoveryFile);
        } catch (java.io.IOException | SecurityException e) {
            status("Could not delete " + recoveryFile + ": " + explain(e, recoveryFile));
        }
    }

    /** Training changed the weights: a later close must ask. */
    void markDirty() {
        dirty.set(true);
    }

    void replaceModel(CurrentModel m) {
        CurrentModel before = model.get();
        endedRun = before != null && m.run() == null ? before.run() : null;
        model.set(m);
    }

    /** One sentence for a failure, naming the file when the cause does not already. */
    static String explain(Throwable failure, Path file) {
        Throwable t = failure;
        while ((t instanceof java.util.concurrent.CompletionException || t instanceof java.lang.reflect.InvocationTargetException
                || t instanceof java.io.UncheckedIOException) && t.getCause() != null) {
            t = t.getCause();
        }
        String text = t.getMessage();
        if (text == null || text.isBlank()) {
            text = t.getClass().getSimpleName();
        }
        if (t instanceof OutOfMemoryError) {
            text = "not enough memory (" + text + ")";
        }
        if (file != null && !text.contains(file.toString()) && !text.contains(file.getFileName().toString())) {
            text = file + ": " + text;
        }
        return text;
    }

    /** Errors from the decode lane: rare (a model that cannot decode); shown once in the status line. */
    Consumer<Throwable> statusOnError(String what) {
        return failure -> status(what + ": " + explain(failure, null));
    }
}
