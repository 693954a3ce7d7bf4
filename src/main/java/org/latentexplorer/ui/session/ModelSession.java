package org.latentexplorer.ui.session;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleBooleanProperty;

import org.latentexplorer.data.AssetLocator;
import org.latentexplorer.data.DataSplit;
import org.latentexplorer.data.DataShelf;
import org.latentexplorer.model.ModelFile;
import org.latentexplorer.model.ModelFiles;
import org.latentexplorer.model.Network;
import org.latentexplorer.model.SavedModel;

/**
 * One model on screen: which model it is, its dataset, whether trained weights are unsaved, and its
 * display copy for decoding. Features that show the model (grid, sampling, charts) follow its
 * properties; a second model in the window is a second session. Lives on the UI thread; slow work
 * goes through {@link Tasks}. Uses JavaFX properties only, so it runs in tests without a toolkit.
 */
public final class ModelSession {
    /** The model the window opens with. */
    public static final String SHIPPED_MODEL = "mnist-vae.lvae";

    private final Tasks tasks;
    private final LatentSpaceWorker worker;
    private final Notifier notifier;
    private final AssetLocator assets;
    private final DataShelf datasets;
    private final Path recoveryFile;
    /**
     * Set while the recovery file holds a training an earlier session did not save and this one has
     * not opened: not this session's to overwrite or delete. Read and cleared on the files lane.
     */
    private final AtomicBoolean earlierCopy = new AtomicBoolean();
    private final ReadOnlyObjectWrapper<CurrentModel> model = new ReadOnlyObjectWrapper<>(this, "model");
    private final ReadOnlyObjectWrapper<CurrentModel> shown = new ReadOnlyObjectWrapper<>(this, "shown");
    private final ReadOnlyObjectWrapper<DataSplit> data = new ReadOnlyObjectWrapper<>(this, "data");
    private final ReadOnlyBooleanWrapper dirty = new ReadOnlyBooleanWrapper(this, "dirty");
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy");
    private final Counter weights = new Counter(this, "weights");
    private final BooleanProperty training = new SimpleBooleanProperty(this, "training");
    /** The training run whose finished model last replaced the training model, or null. */
    private org.latentexplorer.train.TrainingRun endedRun;
    /** Iterations of the current training polled so far, and how many of them the last save holds. */
    private long iterations;
    private long savedAtIteration;

    /**
     * @param datasets     where the model's data set is read, shared with the window's other models
     * @param recoveryFile where unsaved training is written after every epoch, so that a crash or a
     *                     power cut does not lose it; null for none
     */
    public ModelSession(Tasks tasks, LatentSpaceWorker worker, Notifier notifier, AssetLocator assets,
            DataShelf datasets, Path recoveryFile) {
        this.tasks = tasks;
        this.worker = worker;
        this.notifier = notifier;
        this.assets = assets;
        this.datasets = datasets;
        this.recoveryFile = recoveryFile;
        earlierCopy.set(recoveryFile != null && Files.isRegularFile(recoveryFile));
    }

    /** The display copy of the model, for features that decode. */
    public LatentSpaceWorker worker() {
        return worker;
    }

    public ReadOnlyObjectProperty<CurrentModel> modelProperty() {
        return model.getReadOnlyProperty();
    }

    public CurrentModel model() {
        return model.get();
    }

    /**
     * Set when a different model starts to be shown (opened, recovered, a new training), before its
     * weights reach the display copy; not when a save renames it or a training ends.
     */
    public ReadOnlyObjectProperty<CurrentModel> shownProperty() {
        return shown.getReadOnlyProperty();
    }

    /**
     * Counts the weights sent to the display copy, whose lane decodes everything asked of it
     * afterwards with them: what decodes redraws when it changes.
     */
    public ReadOnlyLongProperty weightsProperty() {
        return weights.getReadOnlyProperty();
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

    /** True while a training prepares or runs: opening another model must wait (bound by the window). */
    public BooleanProperty trainingProperty() {
        return training;
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
        if (training.get()) {
            notifier.tell("Training is running", "Cancel the training before opening " + file + ".");
            return;
        }
        busy.set(true);
        notifier.status("Opening " + file + " ...");
        tasks.submit(Tasks.Lane.FILES, () -> {
            if (!Files.exists(file)) {
                throw new java.io.FileNotFoundException(file + ": no such file");
            }
            boolean imported = ModelFiles.format(file) == ModelFiles.Format.DEEPLEARNING4J;
            SavedModel saved = ModelFiles.read(file);
            Network network = Network.from(saved);
            worker.prepare(network);
            return new Opened(saved, network, imported);
        }, opened -> {
            busy.set(false);
            // A recovered model is still unsaved: Save asks where, and a close asks first. An
            // imported one is not in this program's format: Save asks where, so that the original
            // file is never overwritten.
            boolean recovered = file.equals(recoveryFile);
            if (recovered) {
                // On screen and unsaved now: the prompts before closing or replacing it ask about it.
                earlierCopy.set(false);
            }
            show(new CurrentModel(recovered || opened.imported() ? null : file, opened.saved(), null), opened.vae(),
                    recovered, null);
            notifier.status(recovered ? "Opened the recovered training; save it to keep it"
                    : opened.imported() ? importedStatus(file, opened.saved()) : "Opened " + file);
        }, failure -> {
            busy.set(false);
            notifier.status("Could not open " + file);
            notifier.tell("Could not open the model", Notifier.explain(failure, file));
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
    public void show(CurrentModel m, Network network, boolean unsaved, DataSplit split) {
        show(m, network, unsaved, split, true);
    }

    /**
     * Shows the model on screen as a training that goes on from it: the same model, so what
     * follows {@link #shownProperty()} (an inspected image, interpolation ends, the grid's plane)
     * stays; the new weights redraw everything that decodes.
     */
    public void showTrainedOn(CurrentModel m, Network network, DataSplit split) {
        show(m, network, true, split, shown.get() == null);
    }

    private void show(CurrentModel m, Network network, boolean unsaved, DataSplit split, boolean another) {
        CurrentModel before = model.get();
        model.set(m);
        dirty.set(unsaved);
        // Before the install: with a direct task runner the install answers at once.
        if (another) {
            shown.set(m);
        }
        worker.install(network, () -> { },
                failure -> notifier.tell("Could not show the model", Notifier.explain(failure, m.file())));
        // The lane runs its work in order: what the features ask of it from now on runs on the new
        // model, so they are told now rather than after a trip back from the lane (at start, while the
        // window is still busy, that trip is a quarter of a second before the first grid).
        weights.next();
        String dataset = m.dataset();
        boolean sameData = before != null && data.get() != null && dataset != null
                && dataset.equals(before.dataset()) && before.config().rows() == m.config().rows()
                && before.config().cols() == m.config().cols();
        if (split != null) {
            data.set(split);
        } else if (!sameData) {
            data.set(null);
            if (dataset != null) {
                loadData(dataset, m);
            }
        }
    }

    private void loadData(String dataset, CurrentModel forModel) {
        int rows = forModel.config().rows();
        int cols = forModel.config().cols();
        tasks.submit(Tasks.Lane.FILES, () -> {
            try {
                return datasets.load(dataset, rows, cols);
            } catch (org.latentexplorer.data.DataException missing) {
                // A model of the full Fashion-MNIST still gets a scatter where only the shipped part is.
                if (dataset.equals("fashion-mnist-full")) {
                    return datasets.load("fashion-mnist", rows, cols);
                }
                throw missing;
            }
        }, split -> {
            if (model.get() == forModel) {
                data.set(split);
            }
        }, failure -> notifier.status("The test set of " + forModel.title() + " (" + dataset + ") is not available: "
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
        notifier.status("Saving " + file + " ...");
        long iterationAtSave = iterations;
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
                dirty.set(m.run() != null && iterations > iterationAtSave);
                savedAtIteration = iterationAtSave;
                if (!dirty.get()) {
                    discardRecovery();
                }
            }
            notifier.status("Saved " + file);
            onSaved.run();
        }, failure -> {
            busy.set(false);
            notifier.status("Could not save " + file);
            notifier.tell("Could not save the model", Notifier.explain(failure, file));
        });
    }

    /** The file unsaved training is kept in, if it exists: left by a session that ended without saving. */
    public java.util.Optional<Path> recoveredModel() {
        return recoveryFile != null && Files.isRegularFile(recoveryFile) ? java.util.Optional.of(recoveryFile)
                : java.util.Optional.empty();
    }

    /** Writes the current, unsaved model to the recovery file (in the background). */
    public void keepForRecovery() {
        CurrentModel m = model.get();
        if (m != null) {
            keepForRecovery(m::toSave);
        }
    }

    /**
     * Writes a snapshot of the current, unsaved model to the recovery file, taken in the background
     * when the write begins; nothing when it is null. A training an earlier session left there and
     * this one has not opened is first moved beside it, and the user told where, so that it is
     * never overwritten.
     */
    public void keepForRecovery(java.util.function.Supplier<SavedModel> snapshot) {
        if (recoveryFile == null || model.get() == null || !dirty.get()) {
            return;
        }
        tasks.submit(Tasks.Lane.FILES, () -> {
            SavedModel s = snapshot.get();
            if (s == null) {
                return null;
            }
            // (Gone meanwhile, it has nothing to be kept from.)
            Path earlier = earlierCopy.get() && Files.isRegularFile(recoveryFile) ? setAside(recoveryFile) : null;
            earlierCopy.set(false);
            ModelFile.write(recoveryFile, s);
            return earlier;
        }, earlier -> {
            if (earlier != null) {
                notifier.tell("Unsaved training of an earlier session",
                        "The model an earlier session trained and did not save is now in " + earlier
                                + ", so that this training's recovery copy does not replace it. Open it with"
                                + " File > Open, then save it.");
            }
        }, failure -> notifier.status("Could not keep a recovery copy of the training: "
                + Notifier.explain(failure, recoveryFile)));
    }

    private static final DateTimeFormatter ASIDE_STAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd-HHmmss")
            .withZone(ZoneId.systemDefault());

    /**
     * Moves a recovery copy to recovered-(its time).lvae beside it, -2, -3, ... when that name is
     * taken; the new name.
     */
    static Path setAside(Path copy) throws IOException {
        String stamp = ASIDE_STAMP.format(Files.getLastModifiedTime(copy).toInstant());
        Path aside = copy.resolveSibling("recovered-" + stamp + ".lvae");
        for (int n = 2; Files.exists(aside); n++) {
            aside = copy.resolveSibling("recovered-" + stamp + "-" + n + ".lvae");
        }
        return Files.move(copy, aside);
    }

    /** The user saved or chose to discard: the recovery copy is no longer needed. */
    public void discardRecovery() {
        if (recoveryFile == null || earlierCopy.get()) {
            return;   // none, or an earlier session's, which this one never showed
        }
        try {
            Files.deleteIfExists(recoveryFile);
        } catch (java.io.IOException | SecurityException e) {
            notifier.status("Could not delete " + recoveryFile + ": " + Notifier.explain(e, recoveryFile));
        }
    }

    /** A training starts from the current model: none of its iterations is saved yet. */
    public void trainingStarted() {
        iterations = 0;
        savedAtIteration = 0;
    }

    /** Training changed the weights by n more iterations: a later close must ask. */
    public void trained(int n) {
        iterations += n;
        dirty.set(true);
    }

    /** Whether the training changed the weights since the last save (or since it started). */
    public boolean hasUnsavedTraining() {
        return iterations > savedAtIteration;
    }

    /**
     * New weights of the same model for the display copy (a training's, on the decode lane), then
     * the grid and everything else that decodes follows {@link #weightsProperty()}.
     */
    public void refreshWeights(Consumer<Network> writer, Runnable onDone, Consumer<Throwable> onError) {
        worker.refresh(writer, () -> {
            weights.next();
            onDone.run();
        }, onError);
    }

    /** After training: the model that replaces the training one, same file and same display. */
    public void replaceModel(CurrentModel m) {
        CurrentModel before = model.get();
        endedRun = before != null && m.run() == null ? before.run() : null;
        model.set(m);
    }


    private static final class Counter extends ReadOnlyLongWrapper {
        Counter(Object bean, String name) {
            super(bean, name);
        }

        void next() {
            set(get() + 1);
        }
    }
}
