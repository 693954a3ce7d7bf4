package org.latentexplorer.ui.compare;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import javafx.beans.InvalidationListener;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.value.ChangeListener;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import org.latentexplorer.explore.DecodeMode;
import org.latentexplorer.explore.LatentSlice;
import org.latentexplorer.explore.Viewport;
import org.latentexplorer.model.Network;
import org.latentexplorer.model.SavedModel;
import org.latentexplorer.ui.grid.GridViewModel;
import org.latentexplorer.ui.grid.ModelOnScreen;
import org.latentexplorer.ui.metrics.MetricsViewModel;
import org.latentexplorer.ui.session.CurrentModel;
import org.latentexplorer.ui.session.ModelSession;
import org.latentexplorer.ui.session.Notifier;
import org.latentexplorer.ui.session.Tasks;

/**
 * Two or three models side by side: each its own session with its own display copy and grid, all
 * grids showing one shared part of the latent plane (drag or zoom one and all follow), at one tile
 * count and decode mode, with the test set's scatter. The window's own model and its training are
 * not touched: a training running there goes on. Uses JavaFX properties only, so it runs in tests
 * without a toolkit.
 */
public final class CompareViewModel {
    /** More grids than this are too small to read side by side on a 1024-pixel screen. */
    public static final int MAX_MODELS = 3;

    /** The comparisons of the lecture, with the shipped models. */
    public enum Pair {
        AE_VS_VAE("Compare: AE vs VAE (MNIST)", "mnist-ae.lvae", "mnist-vae.lvae"),
        BETA_1_VS_4("Compare: beta 1 vs beta 4 (MNIST)", "mnist-vae.lvae", "mnist-vae-beta4.lvae");

        private final String title;
        private final List<String> files;

        Pair(String title, String... files) {
            this.title = title;
            this.files = List.of(files);
        }

        public String title() {
            return title;
        }

        /** The shipped model files, by name, in the order they are shown. */
        public List<String> files() {
            return files;
        }
    }

    private final Tasks tasks;
    private final Notifier notifier;
    private final Supplier<ModelOnScreen> newModel;
    private final ModelSession main;
    private final Path shippedModels;
    private final ObservableList<ModelOnScreen> models = FXCollections.observableArrayList();
    private final ObservableList<ModelOnScreen> readOnlyModels = FXCollections.unmodifiableObservableList(models);
    private final ReadOnlyBooleanWrapper active = new ReadOnlyBooleanWrapper(this, "active");
    private final ReadOnlyObjectWrapper<List<CurrentModel>> shownModels =
            new ReadOnlyObjectWrapper<>(this, "shownModels", List.of());
    private final ObjectProperty<Viewport> viewport = new SimpleObjectProperty<>(this, "viewport", Viewport.DEFAULT);
    private final IntegerProperty steps = new SimpleIntegerProperty(this, "steps", GridViewModel.DEFAULT_STEPS);
    private final ObjectProperty<DecodeMode> mode = new SimpleObjectProperty<>(this, "mode", DecodeMode.MEAN);
    private final BooleanProperty showTestSet = new SimpleBooleanProperty(this, "showTestSet", true);
    private final BooleanProperty showPriorCircles = new SimpleBooleanProperty(this, "showPriorCircles", true);
    /** Each model's metrics, measured as the window measures its own. */
    private final Map<ModelOnScreen, MetricsViewModel> metrics = new HashMap<>();
    /** What each model's grid listens to, to undo when it leaves. */
    private final Map<ModelOnScreen, Runnable> unbind = new HashMap<>();
    private final InvalidationListener modelsChanged = o -> updateShownModels();
    private boolean syncingSlice;

    /**
     * @param newModel      makes a model on screen (session, grid, sampling), as the window makes its own
     * @param main          the window's model: "compare with" starts from it; never changed here
     * @param shippedModels the folder of the shipped models, for the lecture's pairs
     */
    public CompareViewModel(Tasks tasks, Notifier notifier, Supplier<ModelOnScreen> newModel, ModelSession main,
                            Path shippedModels) {
        this.tasks = tasks;
        this.notifier = notifier;
        this.newModel = newModel;
        this.main = main;
        this.shippedModels = shippedModels;
        models.addListener(modelsChanged);
    }

    /** The models compared, in the order shown (one still opening is in it already). */
    public ObservableList<ModelOnScreen> models() {
        return readOnlyModels;
    }

    /**
     * The metrics of a compared model: the continuity of its grid as drawn, and its report
     * (completeness, holes, ...) measured in the background when it opens; null for a model not
     * in the comparison.
     */
    public MetricsViewModel metricsOf(ModelOnScreen m) {
        return metrics.get(m);
    }

    /** Whether the window shows the comparison instead of its one model. */
    public ReadOnlyBooleanProperty activeProperty() {
        return active.getReadOnlyProperty();
    }

    public boolean isActive() {
        return active.get();
    }

    /** The models the comparison shows now, in order (those still opening left out). */
    public ReadOnlyObjectProperty<List<CurrentModel>> shownModelsProperty() {
        return shownModels.getReadOnlyProperty();
    }

    /** The part of the latent plane every grid shows. */
    public ObjectProperty<Viewport> viewportProperty() {
        return viewport;
    }

    public IntegerProperty stepsProperty() {
        return steps;
    }

    public ObjectProperty<DecodeMode> modeProperty() {
        return mode;
    }

    public BooleanProperty showTestSetProperty() {
        return showTestSet;
    }

    public BooleanProperty showPriorCirclesProperty() {
        return showPriorCircles;
    }

    /** The shipped model files of a pair. */
    public List<Path> files(Pair pair) {
        return pair.files().stream().map(shippedModels::resolve).toList();
    }

    /** Shows the pair's shipped models side by side, instead of whatever was compared. */
    public void open(Pair pair) {
        compare(files(pair));
    }

    /** Shows these model files side by side (at most {@link #MAX_MODELS}), instead of whatever was compared. */
    public void compare(List<Path> files) {
        clear();
        active.set(true);
        for (Path f : files) {
            add(f);
        }
    }

    /**
     * Adds a model file to the comparison; when none is on, starts one with the window's model
     * beside it. A fourth model is refused with a message; a file that cannot be read is named and
     * leaves the others as they were.
     */
    public void add(Path file) {
        if (!active.get()) {
            clear();
            active.set(true);
            addWindowModel();
        }
        if (models.size() >= MAX_MODELS) {
            notifier.tell("Three models at most", "Side by side the grids show " + MAX_MODELS + " models at most;"
                    + " remove one (its \u00d7) before adding " + file.getFileName() + ".");
            return;
        }
        ModelOnScreen m = join();
        m.session().open(file, () -> remove(m));
    }

    /** Adds the window's own model as it is now (a training's weights so far), without touching it. */
    private void addWindowModel() {
        CurrentModel current = main.model();
        if (current == null) {
            return;
        }
        ModelOnScreen m = join();
        tasks.submit(Tasks.Lane.FILES, () -> {
            SavedModel saved = current.toSave();
            return new Snapshot(saved, Network.from(saved));
        }, s -> {
            if (models.contains(m)) {
                m.session().show(new CurrentModel(current.file(), s.saved(), null), s.network(), false, null);
            }
        }, failure -> {
            remove(m);
            notifier.tell("Could not compare the model", Notifier.explain(failure, current.file()));
        });
    }

    private record Snapshot(SavedModel saved, Network network) {
    }

    /** Takes a model out of the comparison; the others stay as they are. */
    public void remove(ModelOnScreen m) {
        Runnable undo = unbind.remove(m);
        if (undo != null) {
            undo.run();
        }
        models.remove(m);
    }

    /** Back to the window's one model: the compared models are let go. */
    public void leave() {
        boolean was = active.get();
        clear();
        active.set(false);
        CurrentModel own = main.model();
        if (was && own != null) {
            // The status bar last spoke of a compared model.
            notifier.status("Back to one model: " + own.title() + (main.isDirty() ? ", not saved" : ""));
        }
    }

    /** Decodes the same draw from the prior with every model: the same points, each model's images. */
    public void sample() {
        for (ModelOnScreen m : models) {
            m.sampling().sample();
        }
    }

    public void resetView() {
        viewport.set(Viewport.DEFAULT);
    }

    /** Zooms every grid by factor (> 1 in) around the centre of the view. */
    public void zoom(double factor) {
        viewport.set(viewport.get().zoomAround(factor, 0.5, 0.5, 1, 1));
    }

    private void clear() {
        for (ModelOnScreen m : List.copyOf(models)) {
            remove(m);
        }
    }

    /** A new model on screen whose grid follows the shared view, added to the comparison. */
    private ModelOnScreen join() {
        ModelOnScreen m = newModel.get();
        GridViewModel g = m.grid();
        // The shared values win: a model joining shows what the others show.
        g.viewportProperty().bindBidirectional(viewport);
        g.stepsProperty().bindBidirectional(steps);
        g.modeProperty().bindBidirectional(mode);
        g.showTestSetProperty().bindBidirectional(showTestSet);
        g.showPriorCirclesProperty().bindBidirectional(showPriorCircles);
        ChangeListener<LatentSlice> slice = (o, a, b) -> sliceChanged(m, b);
        g.sliceProperty().addListener(slice);
        ChangeListener<CurrentModel> shown = (o, a, b) -> updateShownModels();
        m.session().modelProperty().addListener(shown);
        metrics.put(m, new MetricsViewModel(m.session(), tasks, notifier, g.renderedProperty()));
        unbind.put(m, () -> {
            g.viewportProperty().unbindBidirectional(viewport);
            g.stepsProperty().unbindBidirectional(steps);
            g.modeProperty().unbindBidirectional(mode);
            g.showTestSetProperty().unbindBidirectional(showTestSet);
            g.showPriorCirclesProperty().unbindBidirectional(showPriorCircles);
            g.sliceProperty().removeListener(slice);
            m.session().modelProperty().removeListener(shown);
            metrics.remove(m);
        });
        models.add(m);
        return m;
    }

    /**
     * One grid's plane changed: the others span the same plane. A model with another latent size
     * takes the same two dimensions when it has them, and keeps its own plane when it has not.
     */
    private void sliceChanged(ModelOnScreen from, LatentSlice slice) {
        if (syncingSlice) {
            return;
        }
        syncingSlice = true;
        try {
            for (ModelOnScreen m : models) {
                ObjectProperty<LatentSlice> other = m.grid().sliceProperty();
                if (m == from || other.get().equals(slice)) {
                    continue;
                }
                if (other.get().latent() == slice.latent()) {
                    other.set(slice);
                } else if (slice.dimX() < other.get().latent() && slice.dimY() < other.get().latent()) {
                    other.set(other.get().withDims(slice.dimX(), slice.dimY()));
                }
            }
        } finally {
            syncingSlice = false;
        }
    }

    private void updateShownModels() {
        List<CurrentModel> shown = new ArrayList<>();
        for (ModelOnScreen m : models) {
            if (m.session().model() != null) {
                shown.add(m.session().model());
            }
        }
        shownModels.set(List.copyOf(shown));
    }
}
