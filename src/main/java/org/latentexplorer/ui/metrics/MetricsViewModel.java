package org.latentexplorer.ui.metrics;

import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.value.ObservableValue;

import org.latentexplorer.data.DataSplit;
import org.latentexplorer.explore.DecodeMode;
import org.latentexplorer.explore.LatentSlice;
import org.latentexplorer.explore.TileLattice;
import org.latentexplorer.explore.Viewport;
import org.latentexplorer.measure.AggregatePosterior;
import org.latentexplorer.measure.Completeness;
import org.latentexplorer.measure.Continuity;
import org.latentexplorer.measure.Holes;
import org.latentexplorer.measure.ModelMetrics;
import org.latentexplorer.measure.NetworkModel;
import org.latentexplorer.measure.Quantiles;
import org.latentexplorer.model.Network;
import org.latentexplorer.ui.grid.GridViewModel;
import org.latentexplorer.ui.session.CurrentModel;
import org.latentexplorer.ui.session.ModelSession;
import org.latentexplorer.ui.session.Notifier;
import org.latentexplorer.ui.session.Tasks;

/**
 * The metrics of the latent space on screen, as the {@code metrics} command measures them: the
 * model's full {@link ModelMetrics.Report}, the live continuity of the grid as drawn with its seam
 * field, and the hole field of the plane on screen.
 *
 * <p>Follows the session: a new model or dataset drops the report and measures again on the
 * measure lane, from a copy of the model's weights, latest-wins; an answer for a model since
 * replaced is dropped. During training the report is measured after the first finished epoch (not
 * at the start, when the weights are still those the training started from), then after an epoch
 * only once {@link #DURING_TRAINING} has passed since the last report began, and once when the
 * training ends: a report takes about 2 s of both cores, and measured after every epoch of the
 * shipped MNIST split (half a second each) it slowed the training by a quarter (7,100 against
 * 9,000 to 9,500 images/s in bench/ui.sh). The live continuity is measured from each new rendered grid on the UI thread:
 * the mosaic is at hand there, before the grid hands its pixels back for reuse (a lane would read
 * them while a later frame may be overwriting them), and its quantiles and seam field together took
 * 2.2 ms for 20 x 20 tiles of the shipped VAE on a 2-core machine at load average 5.8.
 *
 * <p>The hole field is log10(q(z) / p(z)) at the visible tiles' centres, q(z) built once per
 * report from the same copy of the weights. It is computed while the Holes overlay is on, again
 * when other tiles come into view, on the measure lane, latest-wins: 110 to 125 ms for 21 x 21 tiles
 * against the 8,000 training codes at that load, which on the decode lane would stall a drag.
 */
public final class MetricsViewModel {
    /** The window measures at most this many training images: the shipped sets whole, a full set in part. */
    public static final int MAX_TRAIN = 10_000;
    /** ... and this many test images. */
    public static final int MAX_TEST = 2_000;
    /** While a model trains, a report after an epoch waits this long after the last one began. */
    public static final java.time.Duration DURING_TRAINING = java.time.Duration.ofSeconds(30);

    /**
     * One model's report, the images its worst samples decode to (worstImages[i * D + p]) and the
     * data it was measured on.
     */
    public record Measured(CurrentModel model, ModelMetrics.Report report, float[] worstImages, int rows, int cols,
                           int trainImages, int testImages, int epochs) {
    }

    /** The continuity of the grid on screen: its quantiles and seam field over the block of tiles drawn. */
    public record LiveContinuity(Quantiles quantiles, Continuity.SeamField seams, TileLattice lattice,
                                 TileLattice.Range tiles) {
    }

    /**
     * The hole field over the square block of side field.n() whose top-left tile is (firstColumn,
     * firstRow) of lattice.
     */
    public record HoleField(Holes.Field field, TileLattice lattice, int firstColumn, int firstRow, LatentSlice slice) {
    }

    private record Request(int generation, CurrentModel model, DataSplit data) {
    }

    private record Prepared(Request request, Network network, ModelMetrics.Basis basis) {
    }

    private record FieldQuery(AggregatePosterior q, TileLattice lattice, TileLattice.Range tiles, LatentSlice slice) {
    }

    private final ModelSession session;
    private final Tasks tasks;
    private final ObservableValue<GridViewModel.RenderedGrid> rendered;
    private final ModelMetrics.Settings settings;
    private final ReadOnlyObjectWrapper<Measured> measured = new ReadOnlyObjectWrapper<>(this, "measured");
    private final ReadOnlyObjectWrapper<LiveContinuity> live = new ReadOnlyObjectWrapper<>(this, "live");
    private final ReadOnlyObjectWrapper<HoleField> holes = new ReadOnlyObjectWrapper<>(this, "holes");
    private final ReadOnlyStringWrapper state = new ReadOnlyStringWrapper(this, "state", "");
    private final ReadOnlyStringWrapper liveNote = new ReadOnlyStringWrapper(this, "liveNote", "");
    private final BooleanProperty showSeams = new SimpleBooleanProperty(this, "showSeams", false);
    private final BooleanProperty showHoles = new SimpleBooleanProperty(this, "showHoles", false);
    private final java.util.function.Consumer<Throwable> fieldErrors;
    /** Counts the models and datasets shown: an answer of an older one is dropped. */
    private int generation;
    private boolean running;
    private Request waiting;
    /** q(z) of the model on screen, once measured. */
    private AggregatePosterior q;
    /** Finished epochs of the training on screen when its last report was asked for. */
    private int epochsAsked;
    /** System.nanoTime() when the last report was asked for. */
    private long askedNanos;
    private long duringTrainingNanos = DURING_TRAINING.toNanos();
    private FieldQuery lastField;
    private boolean fieldRunning;
    private FieldQuery fieldWaiting;

    public MetricsViewModel(ModelSession session, Tasks tasks, Notifier notifier,
            ObservableValue<GridViewModel.RenderedGrid> rendered) {
        this(session, tasks, notifier, rendered, ModelMetrics.Settings.DEFAULT);
    }

    /**
     * @param rendered the grid as decoded: the live continuity and the hole field follow it
     * @param settings the prior samples, seed, worst samples and IWAE bound of the report
     */
    public MetricsViewModel(ModelSession session, Tasks tasks, Notifier notifier,
            ObservableValue<GridViewModel.RenderedGrid> rendered, ModelMetrics.Settings settings) {
        this.session = session;
        this.tasks = tasks;
        this.rendered = rendered;
        this.settings = settings;
        this.fieldErrors = notifier.statusOnError("Could not compute the holes of q(z)");
        session.shownProperty().addListener((o, a, b) -> restart());
        session.dataProperty().addListener((o, a, b) -> restart());
        session.modelProperty().addListener((o, a, b) -> {
            // A training that ended leaves weights measured at most at its last epoch's end; one
            // that goes on from the model on screen (the same model shown) says when it is measured.
            boolean ended = a != null && b != null && a.run() != null && b.run() == null;
            boolean continued = b != null && b.run() != null && (a == null || a.run() != b.run());
            if ((ended || continued) && session.shownProperty().get() != null) {
                request();
            }
        });
        session.weightsProperty().addListener((o, a, b) -> {
            CurrentModel m = session.model();
            if (m != null && m.run() != null && m.history().size() > epochsAsked
                    && (epochsAsked <= m.saved().history().size() || System.nanoTime() - askedNanos >= duringTrainingNanos)) {
                request();
            }
        });
        rendered.addListener((o, a, b) -> {
            measureLive(b);
            requestField();
        });
        showHoles.addListener((o, a, b) -> requestField());
    }

    /** How long a report after an epoch of a training waits after the last one began (tests shorten it). */
    void measureDuringTrainingEvery(java.time.Duration interval) {
        duringTrainingNanos = interval.toNanos();
    }

    /** The last report of the model on screen; null while none has been measured for it. */
    public ReadOnlyObjectProperty<Measured> measuredProperty() {
        return measured.getReadOnlyProperty();
    }

    /** The continuity of the grid as drawn; null without a grid or when it shows draws, not means. */
    public ReadOnlyObjectProperty<LiveContinuity> liveProperty() {
        return live.getReadOnlyProperty();
    }

    /** Why there is no live continuity, or empty. */
    public ReadOnlyStringProperty liveNoteProperty() {
        return liveNote.getReadOnlyProperty();
    }

    /** log10(q / p) at the visible tiles; null while the Holes overlay is off or q(z) is not measured yet. */
    public ReadOnlyObjectProperty<HoleField> holesProperty() {
        return holes.getReadOnlyProperty();
    }

    /** What the measuring is doing, in words: measuring, updated after each epoch, or why it cannot. */
    public ReadOnlyStringProperty stateProperty() {
        return state.getReadOnlyProperty();
    }

    /** Whether the grid is tinted by its seam ratio. */
    public BooleanProperty showSeamsProperty() {
        return showSeams;
    }

    /** Whether the grid shades the tiles where q(z) is below a tenth of the prior. */
    public BooleanProperty showHolesProperty() {
        return showHoles;
    }

    /** A different model or dataset: what was measured no longer applies. */
    private void restart() {
        generation++;
        measured.set(null);
        holes.set(null);
        q = null;
        lastField = null;
        epochsAsked = 0;
        // Once the session has finished showing: a model of another dataset is shown before that
        // dataset replaces the old one, which must not be measured with it.
        tasks.onUiThread(this::request);
    }

    /** Measures the model on screen again, now or after the report being measured. */
    private void request() {
        CurrentModel m = session.model();
        DataSplit data = session.dataProperty().get();
        if (m == null || session.shownProperty().get() == null) {
            state.set("");
            return;
        }
        if (data == null) {
            waiting = null;
            state.set(m.dataset() == null ? "The model does not name its dataset: the metrics need its training and"
                    + " test images." : "Waiting for the dataset ...");
            return;
        }
        if (data.imageSize() != m.config().inputSize()) {
            waiting = null;
            state.set("The dataset's images are not the size the model expects.");
            return;
        }
        epochsAsked = m.history().size();
        if (m.run() != null && m.history().size() <= m.saved().history().size()) {
            // A training that has not finished an epoch still has the weights it started from: a
            // report of them would take the cores from its first seconds and be replaced by the
            // first epoch's a few seconds later.
            waiting = null;
            state.set("Measured after the training's first epoch, then at most every " + DURING_TRAINING.toSeconds()
                    + " s, and when it ends.");
            return;
        }
        askedNanos = System.nanoTime();
        waiting = new Request(generation, m, data);
        if (!running) {
            launch();
        }
    }

    private void launch() {
        Request r = waiting;
        waiting = null;
        running = true;
        state.set("Measuring ...");
        // The weights as of now: the model's own, or a consistent snapshot of a running training.
        tasks.submit(Tasks.Lane.MEASURE, () -> {
            Network network = r.model().network();
            DataSplit data = capped(r.data());
            ModelMetrics.Basis basis = ModelMetrics.Basis.of(network, data);
            network.releaseScratch();
            return new Prepared(new Request(r.generation(), r.model(), data), network, basis);
        }, prepared -> {
            if (prepared.request().generation() != generation) {
                next();
                return;
            }
            q = prepared.basis().q();
            lastField = null;
            requestField();
            tasks.submit(Tasks.Lane.MEASURE, () -> measure(prepared), done -> {
                if (prepared.request().generation() == generation) {
                    measured.set(done);
                    CurrentModel now = session.model();
                    state.set(now != null && now.run() != null ? "Measured again during the training at most every " + DURING_TRAINING.toSeconds()
                            + " s, and when it ends." : "");
                }
                next();
            }, this::failed);
        }, this::failed);
    }

    private Measured measure(Prepared p) {
        Request r = p.request();
        ModelMetrics.Report report = ModelMetrics.measure(p.network(), r.data(), p.basis(), settings);
        int k = p.network().config().latent();
        java.util.List<Completeness.Sample> worst = report.completeness().worst();
        float[] z = new float[worst.size() * k];
        for (int i = 0; i < worst.size(); i++) {
            System.arraycopy(worst.get(i).z(), 0, z, i * k, k);
        }
        float[] images = worst.isEmpty() ? new float[0] : new NetworkModel(p.network()).decode(z, worst.size());
        return new Measured(r.model(), report, images, p.network().config().rows(), p.network().config().cols(),
                r.data().train().count(), r.data().test().count(), r.model().history().size());
    }

    private void failed(Throwable failure) {
        state.set("Could not measure the model: " + Notifier.explain(failure, null));
        next();
    }

    private void next() {
        running = false;
        if (waiting != null) {
            launch();
        }
    }

    /** A data set larger than the window measures in a few seconds, cut to its first images. */
    static DataSplit capped(DataSplit data) {
        if (data.train().count() <= MAX_TRAIN && data.test().count() <= MAX_TEST) {
            return data;
        }
        return new DataSplit(data.name(), data.train().first(Math.min(MAX_TRAIN, data.train().count())),
                data.test().first(Math.min(MAX_TEST, data.test().count())));
    }

    private void measureLive(GridViewModel.RenderedGrid r) {
        LiveContinuity before = live.get();
        if (r == null) {
            live.set(null);
            liveNote.set("");
            return;
        }
        if (r.request().mode() != DecodeMode.MEAN) {
            live.set(null);
            liveNote.set("The grid shows draws from p(x|z): continuity is measured on its means.");
            return;
        }
        TileLattice lattice = r.request().lattice();
        TileLattice.Range tiles = r.tiles();
        // A pan within the same tiles answers with the very same mosaic: nothing new to show.
        if (before != null && before.lattice().equals(lattice) && before.tiles().equals(tiles)
                && r.decodedTiles() == 0) {
            return;
        }
        // Measured where the grid was decoded, off the UI thread.
        Continuity.Measured measured = r.continuity();
        live.set(measured == null ? null : new LiveContinuity(measured.quantiles(), measured.seams(), lattice, tiles));
        liveNote.set("");
    }

    private void requestField() {
        GridViewModel.RenderedGrid r = rendered.getValue();
        if (!showHoles.get() || q == null || r == null || r.request().slice().latent() != q.latent()) {
            if (!showHoles.get()) {
                holes.set(null);
                lastField = null;
            }
            return;
        }
        FieldQuery f = new FieldQuery(q, r.request().lattice(), r.tiles(), r.request().slice());
        if (f.equals(lastField)) {
            return;
        }
        lastField = f;
        fieldWaiting = f;
        if (!fieldRunning) {
            launchField();
        }
    }

    /** One field at a time; of those asked for meanwhile, only the newest is computed next. */
    private void launchField() {
        FieldQuery f = fieldWaiting;
        fieldWaiting = null;
        fieldRunning = true;
        int g = generation;
        tasks.submit(Tasks.Lane.MEASURE, () -> field(f.q(), f.lattice(), f.tiles(), f.slice()), found -> {
            if (g == generation && showHoles.get() && found.slice().equals(currentSlice())) {
                holes.set(found);
            }
            nextField();
        }, failure -> {
            fieldErrors.accept(failure);
            nextField();
        });
    }

    private void nextField() {
        fieldRunning = false;
        if (fieldWaiting != null) {
            launchField();
        }
    }

    private LatentSlice currentSlice() {
        GridViewModel.RenderedGrid r = rendered.getValue();
        return r == null ? null : r.request().slice();
    }

    /**
     * The hole field of a block of tiles: Holes.field over the square viewport that covers the block
     * (the longer of its sides), whose n x n tile centres are exactly the lattice's.
     */
    static HoleField field(AggregatePosterior q, TileLattice lattice, TileLattice.Range t, LatentSlice slice) {
        int n = Math.max(t.columns(), t.rows());
        Viewport block = new Viewport(lattice.left(t.firstColumn()), lattice.left(t.firstColumn() + n),
                lattice.top(t.firstRow() + n), lattice.top(t.firstRow()));
        return new HoleField(Holes.field(q, block, slice, n), lattice, t.firstColumn(), t.firstRow(), slice);
    }
}
