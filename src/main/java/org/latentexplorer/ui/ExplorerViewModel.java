package org.latentexplorer.ui;

import java.nio.file.Path;

import org.latentexplorer.data.AssetLocator;
import org.latentexplorer.data.DataShelf;
import org.latentexplorer.ui.compare.CompareViewModel;
import org.latentexplorer.ui.grid.GridViewModel;
import org.latentexplorer.ui.inspect.InspectViewModel;
import org.latentexplorer.ui.grid.ModelOnScreen;
import org.latentexplorer.ui.interpolate.InterpolateViewModel;
import org.latentexplorer.ui.metrics.MetricsViewModel;
import org.latentexplorer.ui.sampling.SamplingViewModel;
import org.latentexplorer.ui.session.ModelSession;
import org.latentexplorer.ui.session.Notifier;
import org.latentexplorer.ui.session.Tasks;
import org.latentexplorer.ui.training.TrainingViewModel;

/**
 * The window's view models, wired: one notifier, the model session, and the features that follow
 * it (grid, sampling, training), each given what it needs through its constructor. Uses JavaFX
 * properties only, so it runs in tests without a toolkit.
 */
public final class ExplorerViewModel {
    private final Notifier notifier = new Notifier();
    private final Tasks tasks;
    private final ModelSession session;
    private final GridViewModel grid;
    private final SamplingViewModel sampling;
    private final TrainingViewModel training;
    private final InspectViewModel inspect;
    private final CompareViewModel compare;
    private final InterpolateViewModel interpolate;
    private final MetricsViewModel metrics;

    public ExplorerViewModel(Tasks tasks, AssetLocator assets) {
        this(tasks, assets, null);
    }

    /**
     * @param recoveryFile where unsaved training is written after every epoch, so that a crash or a
     *                     power cut does not lose it; null for none
     */
    public ExplorerViewModel(Tasks tasks, AssetLocator assets, Path recoveryFile) {
        this.tasks = tasks;
        // One copy of each data set for the window: the model shown, a training and the compared models.
        DataShelf datasets = new DataShelf(assets);
        ModelOnScreen shown = ModelOnScreen.create(tasks, notifier, assets, datasets, recoveryFile);
        this.session = shown.session();
        this.grid = shown.grid();
        this.sampling = shown.sampling();
        this.training = new TrainingViewModel(session, tasks, notifier, datasets);
        session.trainingProperty().bind(training.activeProperty());
        this.inspect = new InspectViewModel(session, notifier, grid.modeProperty(), grid.sliceProperty());
        this.compare = new CompareViewModel(tasks, notifier, () -> ModelOnScreen.create(tasks, notifier, assets, datasets, null),
                session, assets.models());
        this.interpolate = new InterpolateViewModel(session, notifier);
        this.metrics = new MetricsViewModel(session, tasks, notifier, grid.renderedProperty());
    }

    /** The background lanes, for work of the window's own (exports). */
    public Tasks tasks() {
        return tasks;
    }

    public Notifier notifier() {
        return notifier;
    }

    public ModelSession session() {
        return session;
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

    /** One test image looked inside: its reconstruction, posterior and draws. */
    public InspectViewModel inspect() {
        return inspect;
    }

    /** Two or three models side by side, each a session of its own beside the window's. */
    public CompareViewModel compare() {
        return compare;
    }

    /** The decoded straight line between two codes beside the cross-fade of their images. */
    public InterpolateViewModel interpolate() {
        return interpolate;
    }

    /** The metrics of the latent space: the model's report, the live continuity, the seam and hole overlays. */
    public MetricsViewModel metrics() {
        return metrics;
    }
}
