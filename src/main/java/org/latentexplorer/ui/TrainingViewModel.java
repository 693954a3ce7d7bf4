package org.latentexplorer.ui;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;

import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

import org.latentexplorer.data.DataSplit;
import org.latentexplorer.data.Datasets;
import org.latentexplorer.data.ImageSet;
import org.latentexplorer.model.Likelihood;
import org.latentexplorer.model.OptimizerState;
import org.latentexplorer.model.SavedModel;
import org.latentexplorer.model.TrainingHistory;
import org.latentexplorer.model.Network;
import org.latentexplorer.model.ModelConfig;
import org.latentexplorer.train.IterationStats;
import org.latentexplorer.train.TrainingDivergedException;
import org.latentexplorer.train.TrainingListener;
import org.latentexplorer.train.TrainingRun;
import org.latentexplorer.train.TrainingSettings;

/**
 * Training in the background: the settings form, start / pause / resume / cancel, beta while it
 * runs, progress and the loss curves. The run reports every iteration on its own thread into a
 * queue; {@link #poll()}, called a few times a second on the UI thread, turns the queue into
 * progress, curve points and a fresh picture of the latent space.
 */
public final class TrainingViewModel {
    public static final double MAX_BETA = 10;
    /** How often, at most, the grid and scatter are redrawn from the training weights. */
    static final long REFRESH_NANOS = 250_000_000L;
    static final long SEED = 1;

    /** The decoder distribution of a new model, or no distribution at all. */
    public enum DecoderKind {
        BERNOULLI("Bernoulli"), GAUSSIAN("Gaussian, \u03c3 = 0.1"), AUTOENCODER("Plain autoencoder (no KL)");

        private final String label;

        DecoderKind(String label) {
            this.label = label;
        }

        @Override
        public String toString() {
            return label;
        }
    }

    /** Where a training is. */
    public enum State { IDLE, LOADING, RUNNING, PAUSED, STOPPING }

    private final ExplorerViewModel root;
    private final StringProperty dataset = new SimpleStringProperty(this, "dataset", "mnist");
    private final BooleanProperty continueCurrent = new SimpleBooleanProperty(this, "continueCurrent", false);
    private final IntegerProperty latent = new SimpleIntegerProperty(this, "latent", 2);
    private final StringProperty hidden = new SimpleStringProperty(this, "hidden", "512,256");
    private final ObjectProperty<DecoderKind> decoder = new SimpleObjectProperty<>(this, "decoder", DecoderKind.BERNOULLI);
    private final IntegerProperty epochs = new SimpleIntegerProperty(this, "epochs", 10);
    private final DoubleProperty learningRate = new SimpleDoubleProperty(this, "learningRate", 1e-3);
    private final IntegerProperty batchSize = new SimpleIntegerProperty(this, "batchSize", 128);
    private final DoubleProperty beta = new SimpleDoubleProperty(this, "beta", 1.0);
    private final ReadOnlyObjectWrapper<State> state = new ReadOnlyObjectWrapper<>(this, "state", State.IDLE);
    private final ReadOnlyBooleanWrapper active = new ReadOnlyBooleanWrapper(this, "active");
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(this, "progress", 0);
    private final ReadOnlyStringWrapper progressText = new ReadOnlyStringWrapper(this, "progressText", "");
    private final TrainingCurves curves = new TrainingCurves();
    private final ReadOnlyObjectWrapper<Long> curvesVersion = new ReadOnlyObjectWrapper<>(this, "curvesVersion", 0L);

    private final ConcurrentLinkedQueue<IterationStats> iterations = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<TrainingHistory.Epoch> epochsDone = new ConcurrentLinkedQueue<>();
    private TrainingRun run;
    private Prepared prepared;
    /**
     * The weights to go back to if the run diverges: those at the end of its last finished epoch,
     * or before it started. Diverged weights may be NaN, or finite but give a NaN loss.
     */
    private SavedModel lastGood;
    private long iterationsThisRun;
    private long totalIterations;
    private long savedAtIteration;
    private double samplesPerSecond;
    private int currentEpoch;
    private long lastRefresh;
    private boolean refreshing;

    TrainingViewModel(ExplorerViewModel root) {
        this.root = root;
        beta.addListener((o, a, b) -> {
            double v = clampBeta(b.doubleValue());
            if (v != b.doubleValue()) {
                beta.set(v);
                return;
            }
            if (run != null) {
                run.setBeta(v);
            }
        });
        root.modelProperty().addListener((o, a, b) -> {
            // A save only renames the model (same SavedModel): the curves shown stay.
            if (b != null && b.run() == null && (a == null || a.run() == null && a.saved() != b.saved())) {
                curves.showHistory(b.history());
                bumpCurves();
            }
        });
    }

    // ------------------------------------------------------------------ settings

    /** mnist, fashion-mnist, fashion-mnist-full or a folder path. */
    public StringProperty datasetProperty() {
        return dataset;
    }

    /** The datasets offered by name: the shipped ones, and the full Fashion-MNIST when installed. */
    public List<String> datasetChoices() {
        List<String> names = new ArrayList<>(List.of("mnist", "fashion-mnist"));
        if (Datasets.fullFashionMnistAvailable()) {
            names.add("fashion-mnist-full");
        }
        return names;
    }

    /** Continue training the current model (its shape, weights and Adam state) instead of a new one. */
    public BooleanProperty continueCurrentProperty() {
        return continueCurrent;
    }

    public IntegerProperty latentProperty() {
        return latent;
    }

    /** Encoder hidden widths, e.g. "512,256"; the decoder mirrors them. */
    public StringProperty hiddenProperty() {
        return hidden;
    }

    public ObjectProperty<DecoderKind> decoderProperty() {
        return decoder;
    }

    public IntegerProperty epochsProperty() {
        return epochs;
    }

    public DoubleProperty learningRateProperty() {
        return learningRate;
    }

    public IntegerProperty batchSizeProperty() {
        return batchSize;
    }

    /** The KL weight: of the running training from its next iteration, and of the next training. */
    public DoubleProperty betaProperty() {
        return beta;
    }

    /** Beta for a slider position in [0, 1]: the left half covers 0..1 finely, the right half 1..10. */
    public static double betaAt(double position) {
        double p = Math.max(0, Math.min(1, position));
        return p <= 0.5 ? Math.round(p * 2 * 100) / 100.0 : Math.round((1 + (p - 0.5) * 2 * (MAX_BETA - 1)) * 10) / 10.0;
    }

    /** The slider position of a beta value; the inverse of {@link #betaAt}. */
    public static double positionOf(double beta) {
        double b = clampBeta(beta);
        return b <= 1 ? b / 2 : 0.5 + (b - 1) / (MAX_BETA - 1) / 2;
    }

    private static double clampBeta(double b) {
        return Double.isNaN(b) ? 1 : Math.max(0, Math.min(MAX_BETA, b));
    }

    // ------------------------------------------------------------------ state

    public ReadOnlyObjectProperty<State> stateProperty() {
        return state.getReadOnlyProperty();
    }

    /** True from start until the run has ended. */
    public ReadOnlyBooleanProperty activeProperty() {
        return active.getReadOnlyProperty();
    }

    public boolean isActive() {
        return active.get();
    }

    /** 0..1 through this run's iterations. */
    public ReadOnlyDoubleProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }

    /** Epoch, iteration, speed and time left, in one line. */
    public ReadOnlyStringProperty progressTextProperty() {
        return progressText.getReadOnlyProperty();
    }

    public TrainingCurves curves() {
        return curves;
    }

    /** Changes whenever the curves do; a chart redraws on change. */
    public ReadOnlyObjectProperty<Long> curvesVersionProperty() {
        return curvesVersion.getReadOnlyProperty();
    }

    /** The beta the running training uses now, NaN when none runs. */
    public double runningBeta() {
        return run == null ? Double.NaN : run.beta();
    }

    /** Iterations this window has seen the current training do. */
    long iterationsDone() {
        return iterationsThisRun;
    }

    void markSaved(long iteration) {
        savedAtIteration = iteration;
    }

    // ------------------------------------------------------------------ actions

    /**
     * What the run needs, made on the file lane: data, model, run.
     *
     * @param before the model as it was before this run (with its Adam state when continued)
     */
    private record Prepared(DataSplit data, TrainingRun run, Network display, SavedModel initial, SavedModel before,
                            Path file, int iterationsPerEpoch, int epochs, double learningRate) {
    }

    /** Starts training with the current settings (reading the dataset first, in the background). */
    public void start() {
        if (active.get()) {
            return;
        }
        CurrentModel current = root.model();
        boolean resume = continueCurrent.get();
        TrainingSettings settings;
        ModelConfig shape;
        String data;
        try {
            settings = new TrainingSettings(epochs.get(), batchSize.get(), learningRate.get(), SEED, beta.get(), 0);
            if (resume) {
                if (current == null) {
                    throw new IllegalArgumentException("there is no current model to continue");
                }
                data = current.dataset();
                if (data == null) {
                    throw new IllegalArgumentException("the current model does not say which dataset it was trained on;"
                            + " train a new model instead");
                }
                shape = current.config();
            } else {
                data = dataset.get();
                if (data == null || data.isBlank()) {
                    throw new IllegalArgumentException("choose a dataset");
                }
                shape = newShape(28, 28);  // checked now; the real image size comes with the data
            }
        } catch (IllegalArgumentException bad) {
            root.tell("Training settings", capitalise(bad.getMessage()) + ".");
            return;
        }
        active.set(true);
        state.set(State.LOADING);
        progress.set(-1);
        progressText.set("Reading " + data + " ...");
        root.status("Reading " + data + " ...");
        SavedModel from = resume ? current.saved() : null;
        Path file = resume ? current.file() : null;
        String dataName = data;
        root.tasks.submit(Tasks.Lane.FILES, () -> {
            DataSplit split = resume ? Datasets.load(dataName, shape.rows(), shape.cols()) : Datasets.load(dataName);
            ImageSet train = split.train();
            ModelConfig config = resume ? shape : newShape(train.rows(), train.cols());
            Network vae = resume ? Network.from(from) : new Network(config, SEED);
            TrainingHistory history = resume ? from.history().copy() : new TrainingHistory();
            TrainingRun r = new TrainingRun(vae, train, split.test(), settings, resume ? from.optimizer() : null, history);
            Map<String, String> info = new LinkedHashMap<>(resume ? from.info() : Map.of());
            info.put("dataset", split.name());
            info.put("train_images", Integer.toString(train.count()));
            info.put("seed", Long.toString(SEED));
            info.put("beta", Double.toString(settings.beta()));
            info.putIfAbsent("created", Instant.now().toString());
            SavedModel initial = new SavedModel(config, vae.paramsToArray(), null, history.copy(), info);
            int perEpoch = (train.count() + Math.min(settings.batchSize(), train.count()) - 1)
                    / Math.min(settings.batchSize(), train.count());
            return new Prepared(split, r, vae.copy(), initial, resume ? from : initial, file, perEpoch, settings.epochs(),
                    settings.learningRate());
        }, this::begin, failure -> {
            active.set(false);
            state.set(State.IDLE);
            progress.set(0);
            progressText.set("");
            root.status("Training did not start");
            root.tell("Could not start training", ExplorerViewModel.explain(failure, null));
        });
    }

    private ModelConfig newShape(int rows, int cols) {
        List<Integer> widths = parseHidden(hidden.get());
        DecoderKind kind = decoder.get();
        return new ModelConfig(rows, cols, widths, latent.get(),
                kind == DecoderKind.GAUSSIAN ? Likelihood.GAUSSIAN : Likelihood.BERNOULLI,
                kind == DecoderKind.GAUSSIAN ? 0.1 : 1.0, kind != DecoderKind.AUTOENCODER);
    }

    /** "512, 256" -> [512, 256]; anything else is refused with a message naming the setting. */
    static List<Integer> parseHidden(String text) {
        List<Integer> widths = new ArrayList<>();
        String t = text == null ? "" : text.trim();
        if (t.isEmpty()) {
            throw new IllegalArgumentException("hidden sizes are empty: give one or more widths such as 512,256");
        }
        for (String part : t.split("[,\\s]+")) {
            try {
                widths.add(Integer.parseInt(part));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("hidden sizes \"" + text + "\" are not whole numbers such as 512,256");
            }
        }
        return widths;
    }

    private void begin(Prepared p) {
        prepared = p;
        lastGood = p.before();
        run = p.run();
        run.setBeta(clampBeta(beta.get()));
        iterations.clear();
        epochsDone.clear();
        iterationsThisRun = 0;
        savedAtIteration = 0;
        totalIterations = (long) p.iterationsPerEpoch() * p.epochs();
        currentEpoch = p.run().history().size() + 1;
        lastRefresh = System.nanoTime();
        curves.showHistory(p.run().history());
        bumpCurves();
        root.show(new CurrentModel(p.file(), p.initial(), run), p.display(), true, p.data());
        state.set(State.RUNNING);
        progress.set(0);
        progressText.set("Epoch " + currentEpoch + " starting ...");
        root.status("Training " + p.initial().config().describe() + " on " + p.data().name());
        TrainingRun r = run;
        CurrentModel running = new CurrentModel(p.file(), p.initial(), r);
        root.tasks.submit(Tasks.Lane.TRAIN, () -> {
            TrainingRun.Result result = r.run(new TrainingListener() {
                @Override
                public void onIteration(IterationStats stats) {
                    iterations.add(stats);
                }

                @Override
                public void onEpoch(TrainingHistory.Epoch epoch) {
                    epochsDone.add(epoch);
                }
            });
            // Copying the weights and the optimizer takes a while: here, not on the UI thread.
            return new Ended(result, running.toSave());
        }, ended -> finish(r, ended.result().outcome() == TrainingRun.Outcome.CANCELLED ? "cancelled" : "finished",
                null, ended.model()), failure -> finish(r, "stopped", failure, null));
    }

    /** Holds the run after its current iteration, or lets it go on. */
    public void pauseOrResume() {
        if (run == null) {
            return;
        }
        if (run.isPaused()) {
            run.resume();
            state.set(State.RUNNING);
            root.status("Training resumed");
        } else if (state.get() == State.RUNNING) {
            run.pause();
            state.set(State.PAUSED);
            root.status("Training paused; the grid shows the weights so far");
            refreshDisplay(true);
        }
    }

    /** Stops after the current iteration; the weights so far stay, ready to save. */
    public void cancel() {
        if (run == null) {
            return;
        }
        state.set(State.STOPPING);
        run.cancel();
    }

    /**
     * Drains what the run reported since the last call: progress, curve points, and at most every
     * quarter second a redraw of the grid from the current weights. Called on the UI thread.
     */
    public void poll() {
        if (prepared == null) {
            return;
        }
        boolean any = false;
        int perEpoch = prepared.iterationsPerEpoch();
        IterationStats s;
        while ((s = iterations.poll()) != null) {
            any = true;
            iterationsThisRun++;
            currentEpoch = s.epoch();
            long inEpoch = iterationsThisRun - (long) (s.epoch() - firstEpoch()) * perEpoch;
            double x = s.epoch() - 1 + (double) inEpoch / perEpoch;
            curves.addIteration(x, s.recon(), s.kl(), s.beta());
            samplesPerSecond = s.samplesPerSecond();
        }
        TrainingHistory.Epoch e;
        boolean epochEnded = false;
        while ((e = epochsDone.poll()) != null) {
            any = true;
            epochEnded = true;
            curves.addEpoch(e.epoch(), e.testRecon(), e.testKl());
        }
        if (!any) {
            return;
        }
        root.markDirty();
        if (epochEnded) {
            root.keepForRecovery();
            keepLastGood();
        }
        bumpCurves();
        progress.set(totalIterations == 0 ? 0 : Math.min(1, (double) iterationsThisRun / totalIterations));
        progressText.set(describeProgress());
        refreshDisplay(false);
    }

    private int firstEpoch() {
        return prepared.initial().history().size() + 1;
    }

    private String describeProgress() {
        int perEpoch = prepared.iterationsPerEpoch();
        int lastEpoch = firstEpoch() + prepared.epochs() - 1;
        long inEpoch = iterationsThisRun - (long) (currentEpoch - firstEpoch()) * perEpoch;
        String text = String.format("Epoch %d of %d \u00b7 iteration %,d of %,d \u00b7 %,.0f images/s",
                currentEpoch, lastEpoch, inEpoch, perEpoch, samplesPerSecond);
        if (samplesPerSecond > 0 && state.get() == State.RUNNING) {
            int batch = Math.min(batchSize(), prepared.data().train().count());
            double seconds = (totalIterations - iterationsThisRun) * batch / samplesPerSecond;
            text += " \u00b7 " + timeLeft(seconds);
        }
        return text;
    }

    private int batchSize() {
        return (int) Math.ceil((double) prepared.data().train().count() / prepared.iterationsPerEpoch());
    }

    static String timeLeft(double seconds) {
        if (seconds < 60) {
            return "about " + Math.max(1, Math.round(seconds)) + " s left";
        }
        if (seconds < 3600) {
            return "about " + Math.round(seconds / 60) + " min left";
        }
        return String.format("about %.1f h left", seconds / 3600);
    }

    /** Redraws the latent space from the run's weights, at most every REFRESH_NANOS unless forced. */
    private void refreshDisplay(boolean force) {
        long now = System.nanoTime();
        if (run == null || refreshing || !force && now - lastRefresh < REFRESH_NANOS) {
            return;
        }
        lastRefresh = now;
        refreshing = true;
        TrainingRun r = run;
        root.worker.refresh(r::copyWeightsTo, () -> {
            refreshing = false;
            root.grid().redraw();
            root.grid().encodeTestSet();
            root.sampling().redraw();
        }, failure -> {
            refreshing = false;
            root.status("Could not redraw from the training weights: " + ExplorerViewModel.explain(failure, null));
        });
    }

    /** Takes the weights at the end of an epoch, to go back to should the run diverge later. */
    private void keepLastGood() {
        CurrentModel m = root.model();
        TrainingRun r = run;
        if (m == null || r == null || m.run() != r) {
            return;
        }
        root.tasks.submit(Tasks.Lane.FILES, m::toSave, snapshot -> {
            if (run == r && allFinite(snapshot.params())) {
                lastGood = snapshot;
            }
        }, failure -> { });
    }

    private static boolean allFinite(float[] values) {
        for (float v : values) {
            if (!Float.isFinite(v)) {
                return false;
            }
        }
        return true;
    }

    /** A run that returned, and the model it left, to save (its info as the run's model had it). */
    private record Ended(TrainingRun.Result result, SavedModel model) {
    }

    private void finish(TrainingRun r, String how, Throwable failure, SavedModel ended) {
        poll();
        boolean diverged = failure instanceof TrainingDivergedException;
        int divergedIn = currentEpoch;
        SavedModel restored = lastGood;
        double learningRate = prepared == null ? Double.NaN : prepared.learningRate();
        CurrentModel m = root.model();
        if (m != null && m.run() == r) {
            SavedModel done = ended != null ? ended : diverged && restored != null ? restored : m.toSave();
            root.replaceModel(new CurrentModel(m.file(), done, null));
            root.worker.refresh(target -> target.copyFrom(Network.from(done)), () -> {
                root.grid().redraw();
                root.grid().encodeTestSet();
                root.sampling().redraw();
            }, root.statusOnError("Could not redraw the trained model"));
        }
        boolean unsaved = iterationsThisRun > savedAtIteration;
        if (unsaved) {
            root.markDirty();
            root.keepForRecovery();
        }
        List<TrainingHistory.Epoch> history = r.history().epochs();
        String last = history.isEmpty() ? "" : String.format("; test -ELBO %.2f after epoch %d",
                history.get(history.size() - 1).testNegElbo(), history.get(history.size() - 1).epoch());
        run = null;
        prepared = null;
        lastGood = null;
        active.set(false);
        state.set(State.IDLE);
        progress.set(0);
        progressText.set("Training " + how + " after " + String.format("%,d", iterationsThisRun) + " iterations" + last);
        root.status("Training " + how + last + (unsaved ? ". Save the model to keep it (File > Save)." : "."));
        if (diverged) {
            root.tell("Training stopped", divergedText(divergedIn, restored, learningRate));
        } else if (failure != null) {
            root.tell("Training stopped", ExplorerViewModel.explain(failure, null));
        }
    }

    /** What happened, what the window did about it, and what to change. */
    static String divergedText(int epoch, SavedModel restored, double learningRate) {
        List<TrainingHistory.Epoch> before = restored == null ? List.of() : restored.history().epochs();
        String back = restored == null ? "The weights are those of the last step."
                : before.isEmpty() ? "The weights from before this training are back."
                : "The weights from the end of epoch " + before.get(before.size() - 1).epoch() + " are back.";
        double smaller = learningRate > 1e-3 ? 1e-3 : learningRate / 10;
        return String.format(java.util.Locale.ROOT, "The loss became infinite or NaN in epoch %d: a learning rate of %s"
                + " is too large for this model and data. %s Train again with a smaller learning rate, such as %s.",
                epoch, trim(learningRate), back, trim(smaller));
    }

    private static String trim(double v) {
        return java.math.BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    }

    private void bumpCurves() {
        curvesVersion.set(curves.version());
    }

    private static String capitalise(String s) {
        return s == null || s.isEmpty() ? "Invalid setting" : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    /** The optimizer state of the current run, for tests and saving. */
    OptimizerState optimizerState() {
        return run == null ? null : run.optimizerState();
    }
}
