package org.latentexplorer.ui.training;

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

import org.latentexplorer.data.DataShelf;
import org.latentexplorer.data.DataSplit;
import org.latentexplorer.data.Datasets;
import org.latentexplorer.data.ImageSet;
import org.latentexplorer.model.Bernoulli;
import org.latentexplorer.model.Gaussian;
import org.latentexplorer.model.Knob;
import org.latentexplorer.model.Likelihood;
import org.latentexplorer.model.ModelKind;
import org.latentexplorer.model.ModelKinds;
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
import org.latentexplorer.ui.session.ModelSession;
import org.latentexplorer.ui.session.Notifier;
import org.latentexplorer.ui.session.Tasks;
import org.latentexplorer.ui.session.CurrentModel;

/**
 * Training in the background: the settings form (the model kind, its hyper-parameters, the
 * network and how to train), start / pause / resume / cancel, the kind's hyper-parameters while it
 * runs, progress and the loss curves. The run reports every iteration on its own thread into a
 * queue; {@link #poll()}, called a few times a second on the UI thread, turns the queue into
 * progress, curve points and a fresh picture of the latent space.
 */
public final class TrainingViewModel {
    /** How often, at most, the grid and scatter are redrawn from the training weights. */
    static final long REFRESH_NANOS = 250_000_000L;
    /** The seed a new form starts with: thirty laptops with the defaults show the same run. */
    static final String DEFAULT_SEED = "1";

    /** The decoder distribution p(x|z) of a new model (the linear kinds have their squared error instead). */
    public enum Decoder {
        BERNOULLI("Bernoulli", Bernoulli.INSTANCE), GAUSSIAN("Gaussian, \u03c3 = 0.1", new Gaussian(0.1));

        private final String label;
        private final Likelihood likelihood;

        Decoder(String label, Likelihood likelihood) {
            this.label = label;
            this.likelihood = likelihood;
        }

        public Likelihood likelihood() {
            return likelihood;
        }

        @Override
        public String toString() {
            return label;
        }
    }

    /** Where a training is. */
    public enum State { IDLE, LOADING, RUNNING, PAUSED, STOPPING }

    private final ModelSession session;
    private final Tasks tasks;
    private final Notifier notifier;
    private final DataShelf datasets;
    private final StringProperty dataset = new SimpleStringProperty(this, "dataset", "mnist");
    private final BooleanProperty continueCurrent = new SimpleBooleanProperty(this, "continueCurrent", false);
    private final javafx.beans.property.ReadOnlyBooleanWrapper canContinue =
            new javafx.beans.property.ReadOnlyBooleanWrapper(this, "canContinue", false);
    private final javafx.beans.property.ReadOnlyStringWrapper modelDataset =
            new javafx.beans.property.ReadOnlyStringWrapper(this, "modelDataset");
    private final IntegerProperty latent = new SimpleIntegerProperty(this, "latent", 2);
    private final StringProperty hidden = new SimpleStringProperty(this, "hidden", "512,256");
    private final ObjectProperty<ModelKind> kind = new SimpleObjectProperty<>(this, "kind", ModelKinds.byId("vae"));
    private final ObjectProperty<Decoder> decoder = new SimpleObjectProperty<>(this, "decoder", Decoder.BERNOULLI);
    /** Every kind's knobs, by kind id: their values are kept while another kind is chosen. */
    private final Map<String, List<KnobViewModel>> knobs = new LinkedHashMap<>();
    private final IntegerProperty epochs = new SimpleIntegerProperty(this, "epochs", 10);
    private final DoubleProperty learningRate = new SimpleDoubleProperty(this, "learningRate", 1e-3);
    private final IntegerProperty batchSize = new SimpleIntegerProperty(this, "batchSize", 128);
    private final StringProperty seed = new SimpleStringProperty(this, "seed", DEFAULT_SEED);
    private final ReadOnlyObjectWrapper<State> state = new ReadOnlyObjectWrapper<>(this, "state", State.IDLE);
    private final ReadOnlyBooleanWrapper active = new ReadOnlyBooleanWrapper(this, "active");
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(this, "progress", 0);
    private final ReadOnlyStringWrapper progressText = new ReadOnlyStringWrapper(this, "progressText", "");
    private final TrainingCurves curves = new TrainingCurves();
    private final EarlierRuns earlierRuns = new EarlierRuns();
    /** The kind of the training whose curves are shown, and whether its reconstruction is in nats; null for none. */
    private ModelKind curvesOfRun;
    private boolean curvesInNats;
    private final ReadOnlyObjectWrapper<Long> curvesVersion = new ReadOnlyObjectWrapper<>(this, "curvesVersion", 0L);

    private final ConcurrentLinkedQueue<IterationStats> iterations = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<TrainingHistory.Epoch> epochsDone = new ConcurrentLinkedQueue<>();
    private TrainingRun run;
    private Prepared prepared;
    private final RecoveryCopies recoveryCopies;
    private long iterationsThisRun;
    private long totalIterations;
    private double samplesPerSecond;
    private int currentEpoch;
    private long lastRefresh;
    private boolean refreshing;

    /** @param datasets where a training reads its data: the data already on screen is not read again */
    public TrainingViewModel(ModelSession session, Tasks tasks, Notifier notifier, DataShelf datasets) {
        this.session = session;
        this.tasks = tasks;
        this.notifier = notifier;
        this.datasets = datasets;
        this.recoveryCopies = new RecoveryCopies(() -> {
            CurrentModel m = session.model();
            if (m != null && m.run() != null) {
                session.keepForRecovery(m::lastGoodEpoch);
            }
        }, System::nanoTime);
        for (ModelKind k : ModelKinds.all()) {
            List<KnobViewModel> list = new ArrayList<>();
            for (Knob knob : k.knobs()) {
                KnobViewModel vm = new KnobViewModel(k, knob);
                // A running training of this kind takes the new value from its next iteration.
                vm.valueProperty().addListener((o, a, b) -> {
                    if (run != null && run.kind().id().equals(k.id())) {
                        run.setKnob(knob.key(), b.doubleValue());
                        // The status bar said the value the training started with.
                        notifier.status(String.format("%s = %s from epoch %d of the training",
                                knob.symbol(), shortNumber(b.doubleValue()), currentEpoch));
                    }
                });
                list.add(vm);
            }
            knobs.put(k.id(), List.copyOf(list));
        }
        session.modelProperty().addListener((o, a, b) -> {
            // A fitted model (PCA) is computed in closed form: nothing to continue.
            canContinue.set(b != null && !b.config().kind().fitted());
            modelDataset.set(b == null ? null : b.dataset());
            if (!canContinue.get() && !active.get()) {
                continueCurrent.set(false);
            }
        });
        session.modelProperty().addListener((o, a, b) -> {
            // A save only renames the model (same SavedModel): the curves shown stay.
            if (b != null && b.run() == null && (a == null || a.run() == null && a.saved() != b.saved())) {
                if (!active.get()) {
                    follow(b.config().kind());
                }
                keepRunCurves();
                curves.showHistory(b.history());
                bumpCurves();
                // What the last training said belongs to the model it trained, not to this one.
                if (!active.get()) {
                    progressText.set("");
                }
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

    /** The dataset the model on screen was trained on, which a training that continues it uses; null when none is known. */
    public javafx.beans.property.ReadOnlyStringProperty modelDatasetProperty() {
        return modelDataset.getReadOnlyProperty();
    }

    /** Whether the model on screen can be trained further: there is one, and it is not fitted in closed form (PCA). */
    public javafx.beans.property.ReadOnlyBooleanProperty canContinueProperty() {
        return canContinue.getReadOnlyProperty();
    }

    public IntegerProperty latentProperty() {
        return latent;
    }

    /** Encoder hidden widths, e.g. "512,256"; the decoder mirrors them. */
    public StringProperty hiddenProperty() {
        return hidden;
    }

    /**
     * The kind of the next model (its hyper-parameters are the knobs'): it follows the model on
     * screen, so Train makes another model of the kind being looked at unless another is chosen.
     */
    public ObjectProperty<ModelKind> kindProperty() {
        return kind;
    }

    /** The hyper-parameters of a kind, in its order; empty for a kind without any. */
    public List<KnobViewModel> knobs(ModelKind k) {
        return knobs.getOrDefault(k.id(), List.of());
    }

    /** A kind's hyper-parameter by key, e.g. the VAE's "beta". */
    public KnobViewModel knob(String kindId, String key) {
        return knobs.getOrDefault(kindId, List.of()).stream().filter(k -> k.knob().key().equals(key)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(kindId + " has no hyper-parameter " + key));
    }

    /** The kind of the next training, or of the running one, with the knobs' values. */
    ModelKind formKind(ModelKind family) {
        ModelKind k = family.withDefaults();
        for (KnobViewModel knob : knobs(family)) {
            k = k.with(knob.knob().key(), knob.get());
        }
        return k;
    }

    /** Shows a model's kind and hyper-parameters in the form (the knobs clamp to the window's range). */
    private void follow(ModelKind shown) {
        kind.set(ModelKinds.byId(shown.id()));
        for (KnobViewModel knob : knobs(shown)) {
            knob.valueProperty().set(shown.value(knob.knob().key()));
        }
    }

    /** The decoder distribution of a new model. */
    public ObjectProperty<Decoder> decoderProperty() {
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

    /**
     * The seed of the initial weights, the order of the batches and the noise of training: the same
     * seed and settings give the same curves and the same latent layout on every computer.
     */
    public StringProperty seedProperty() {
        return seed;
    }

    /** "42" -> 42; anything but a whole number is refused with a message naming the setting. */
    static long parseSeed(String text) {
        String t = text == null ? "" : text.trim();
        try {
            return Long.parseLong(t);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("seed \"" + (text == null ? "" : text)
                    + "\" is not a whole number such as 1 (the same seed gives the same training everywhere)");
        }
    }

    /** The VAE's KL weight, the lecture's own knob: of the running training from its next iteration, and of the next one. */
    public DoubleProperty betaProperty() {
        return knob("vae", "beta").valueProperty();
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

    /** Earlier trainings of this window, whose curves the charts keep faded until cleared. */
    public EarlierRuns earlierRuns() {
        return earlierRuns;
    }

    /** The charts' Clear: forgets the earlier trainings' curves. */
    public void clearEarlierRuns() {
        earlierRuns.clear();
    }

    /** The curves shown are a training's and make way for others: they stay as an earlier run. */
    private void keepRunCurves() {
        if (curvesOfRun != null) {
            earlierRuns.keep(curvesOfRun, curvesInNats, curves);
            curvesOfRun = null;
        }
    }

    /** Changes whenever the curves do; a chart redraws on change. */
    public ReadOnlyObjectProperty<Long> curvesVersionProperty() {
        return curvesVersion.getReadOnlyProperty();
    }

    /** The kind, with its hyper-parameters of the moment, of the running training; null when none runs. */
    public ModelKind runningKind() {
        return run == null ? null : run.kind();
    }

    /** Training images per second of the current training, as last reported; 0 before the first iteration. */
    public double samplesPerSecond() {
        return samplesPerSecond;
    }

    /** Iterations this window has seen the current training do. */
    public long iterationsDone() {
        return iterationsThisRun;
    }


    // ------------------------------------------------------------------ actions

    /**
     * What the run needs, made on the file lane: data, model, run.
     *
     * @param before    the model as it was before this run (with its Adam state when continued)
     * @param continued whether the run goes on from the model on screen, rather than making a new one
     */
    private record Prepared(DataSplit data, TrainingRun run, Network display, SavedModel initial, SavedModel before,
                            Path file, int iterationsPerEpoch, int epochs, double learningRate, boolean continued) {
    }

    /** Starts training with the current settings (reading the dataset first, in the background). */
    public void start() {
        if (active.get()) {
            return;
        }
        CurrentModel current = session.model();
        boolean resume = continueCurrent.get();
        TrainingSettings settings;
        ModelConfig shape;
        String data;
        try {
            settings = new TrainingSettings(epochs.get(), batchSize.get(), learningRate.get(), parseSeed(seed.get()), 0);
            if (resume) {
                if (current == null) {
                    throw new IllegalArgumentException("there is no current model to continue");
                }
                if (current.config().kind().fitted()) {
                    throw new IllegalArgumentException(current.config().kind().title() + " is computed in closed form"
                            + " from the training set: there is nothing to continue; untick Continue to fit it again");
                }
                data = current.dataset();
                if (data == null) {
                    throw new IllegalArgumentException("the current model does not say which dataset it was trained on;"
                            + " train a new model instead");
                }
                shape = current.config().withKind(formKind(current.config().kind()));
            } else {
                data = dataset.get();
                if (data == null || data.isBlank()) {
                    throw new IllegalArgumentException("choose a dataset");
                }
                shape = newShape(28, 28);  // checked now; the real image size comes with the data
            }
        } catch (IllegalArgumentException bad) {
            notifier.tell("Training settings", capitalise(bad.getMessage()) + ".");
            return;
        }
        active.set(true);
        state.set(State.LOADING);
        progress.set(-1);
        progressText.set("Reading " + data + " ...");
        notifier.status("Reading " + data + " ...");
        SavedModel from = resume ? current.saved() : null;
        Path file = resume ? current.file() : null;
        String dataName = data;
        tasks.submit(Tasks.Lane.FILES, () -> {
            DataSplit split = resume ? datasets.load(dataName, shape.rows(), shape.cols()) : datasets.load(dataName);
            ImageSet train = split.train();
            ModelConfig config = resume ? shape : newShape(train.rows(), train.cols());
            Network vae = resume ? new Network(config, from.params()) : new Network(config, settings.seed());
            TrainingHistory history = resume ? from.history().copy() : new TrainingHistory();
            TrainingRun r = new TrainingRun(vae, train, split.test(), settings, resume ? from.optimizer() : null, history);
            Map<String, String> info = new LinkedHashMap<>(resume ? from.info() : Map.of());
            info.put("dataset", split.name());
            info.put("train_images", Integer.toString(train.count()));
            info.put("seed", Long.toString(settings.seed()));
            info.putIfAbsent("created", Instant.now().toString());
            SavedModel initial = new SavedModel(config, vae.paramsToArray(), null, history.copy(), info);
            int perEpoch = (train.count() + Math.min(settings.batchSize(), train.count()) - 1)
                    / Math.min(settings.batchSize(), train.count());
            return new Prepared(split, r, vae.copy(), initial, resume ? from : initial, file, perEpoch, settings.epochs(),
                    settings.learningRate(), resume);
        }, this::begin, failure -> {
            active.set(false);
            state.set(State.IDLE);
            progress.set(0);
            progressText.set("");
            notifier.status("Training did not start");
            notifier.tell("Could not start training", Notifier.explain(failure, null));
        });
    }

    private ModelConfig newShape(int rows, int cols) {
        ModelKind k = formKind(kind.get());
        return ModelConfig.of(k, rows, cols, k.linear() ? List.of() : parseHidden(hidden.get()), latent.get(),
                decoder.get().likelihood());
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
        recoveryCopies.runStarted();
        run = p.run();
        iterations.clear();
        epochsDone.clear();
        iterationsThisRun = 0;
        session.trainingStarted();
        totalIterations = (long) p.iterationsPerEpoch() * p.epochs();
        currentEpoch = p.run().history().size() + 1;
        lastRefresh = System.nanoTime();
        keepRunCurves();
        curves.showHistory(p.run().history());
        curvesOfRun = p.run().kind();
        curvesInNats = p.initial().config().likelihood().inNats();
        curves.planEnd(p.run().history().size() + p.epochs());
        bumpCurves();
        CurrentModel trained = new CurrentModel(p.file(), p.initial(), run);
        if (p.continued()) {
            // The same model, trained on: what was picked on it (an inspected image, interpolation ends) stays.
            session.showTrainedOn(trained, p.display(), p.data());
        } else {
            session.show(trained, p.display(), true, p.data());
        }
        state.set(State.RUNNING);
        progress.set(0);
        progressText.set("Epoch " + currentEpoch + " starting ...");
        notifier.status("Training " + p.initial().config().describe() + " on " + p.data().name());
        TrainingRun r = run;
        CurrentModel running = new CurrentModel(p.file(), p.initial(), r);
        tasks.submit(Tasks.Lane.TRAIN, () -> {
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
            recoveryCopies.resumed();
            state.set(State.RUNNING);
            notifier.status("Training resumed");
        } else if (state.get() == State.RUNNING) {
            run.pause();
            recoveryCopies.paused();
            state.set(State.PAUSED);
            notifier.status("Training paused; the grid shows the weights so far");
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
        int polled = 0;
        int perEpoch = prepared.iterationsPerEpoch();
        IterationStats s;
        while ((s = iterations.poll()) != null) {
            any = true;
            polled++;
            iterationsThisRun++;
            currentEpoch = s.epoch();
            long inEpoch = iterationsThisRun - (long) (s.epoch() - firstEpoch()) * perEpoch;
            double x = s.epoch() - 1 + (double) inEpoch / perEpoch;
            curves.addIteration(x, s.recon(), s.penalty(), s.weight());
            samplesPerSecond = s.samplesPerSecond();
        }
        TrainingHistory.Epoch e;
        boolean epochEnded = false;
        while ((e = epochsDone.poll()) != null) {
            any = true;
            epochEnded = true;
            curves.addEpoch(e.epoch(), e.testRecon(), e.testPenalty());
        }
        if (!any) {
            return;
        }
        session.trained(polled);
        if (epochEnded) {
            keepEpoch();
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
        session.refreshWeights(r::copyWeightsTo, () -> refreshing = false, failure -> {
            refreshing = false;
            notifier.status("Could not redraw from the training weights: " + Notifier.explain(failure, null));
        });
    }

    /**
     * An epoch ended: the recovery copy may take it ({@link RecoveryCopies}: not every epoch's). The
     * run itself keeps its last epoch with finite weights ({@link TrainingRun#lastGoodEpoch}), to go
     * back to should it diverge and for the recovery copy, which never holds weights that are no
     * longer finite.
     */
    private void keepEpoch() {
        CurrentModel m = session.model();
        TrainingRun r = run;
        if (m != null && r != null && m.run() == r) {
            recoveryCopies.epochEnded();
        }
    }

    /** A run that returned, and the model it left, to save (its info as the run's model had it). */
    private record Ended(TrainingRun.Result result, SavedModel model) {
    }

    private void finish(TrainingRun r, String how, Throwable failure, SavedModel ended) {
        poll();
        boolean diverged = failure instanceof TrainingDivergedException;
        int divergedIn = currentEpoch;
        // Diverged weights may be NaN, or finite but give a NaN loss: back to the run's last epoch with
        // finite weights, or to the model it started from.
        SavedModel restored = null;
        CurrentModel m = session.model();
        if (diverged && m != null && m.run() == r) {
            restored = m.lastGoodEpoch();
            if (restored == null && prepared != null) {
                restored = prepared.before();
            }
        }
        double learningRate = prepared == null ? Double.NaN : prepared.learningRate();
        if (m != null && m.run() == r) {
            SavedModel done = ended != null ? ended : diverged && restored != null ? restored : m.toSave();
            session.replaceModel(new CurrentModel(m.file(), done, null));
            session.refreshWeights(target -> target.copyFrom(Network.from(done)), () -> { },
                    notifier.statusOnError("Could not redraw the trained model"));
        }
        recoveryCopies.runEnded();
        boolean unsaved = session.hasUnsavedTraining();
        if (unsaved) {
            session.keepForRecovery();
        }
        List<TrainingHistory.Epoch> history = r.history().epochs();
        org.latentexplorer.model.ModelKind kind = r.kind();
        TrainingHistory.Epoch end = history.isEmpty() ? null : history.get(history.size() - 1);
        // "test \u2212ELBO 187.53" or "test reconstruction 143.72", as the model's description says it.
        String measured = end == null ? "" : String.format(java.util.Locale.ROOT, "test %s %.2f",
                kind.hasPrior() ? "\u2212ELBO" : "reconstruction", kind.hasPrior() ? end.testNegElbo() : end.testRecon());
        String last = end == null ? "" : "; " + measured + " after epoch " + end.epoch();
        run = null;
        prepared = null;
        curves.planEnd(0);
        bumpCurves();
        active.set(false);
        state.set(State.IDLE);
        progress.set(0);
        // Short enough for two lines of the panel at 1024 x 768; the status line says it at length.
        progressText.set(capitalise(how) + " after " + count(iterationsThisRun, "iteration") + "."
                + (end == null ? "" : " Epoch " + end.epoch() + ": " + measured));
        notifier.status("Training " + how + last + (unsaved ? ". Save the model to keep it (File > Save)." : "."));
        if (diverged) {
            notifier.tell("Training stopped", divergedText(divergedIn, restored, learningRate));
        } else if (failure != null) {
            notifier.tell("Training stopped", capitalise(Notifier.explain(failure, null)));
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

    /** Three significant digits at most: 4, 2.37, 0.001. */
    static String shortNumber(double v) {
        return java.math.BigDecimal.valueOf(v).round(new java.math.MathContext(3)).stripTrailingZeros().toPlainString();
    }

    private static String trim(double v) {
        return java.math.BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    }

    private void bumpCurves() {
        curvesVersion.set(curves.version());
    }

    /** "1 epoch", "2 epochs", "1,234 iterations". */
    public static String count(long n, String noun) {
        return String.format("%,d %s", n, n == 1 ? noun : noun + "s");
    }

    private static String capitalise(String s) {
        return s == null || s.isEmpty() ? "Invalid setting" : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    /** The optimizer state of the current run, for tests and saving. */
    OptimizerState optimizerState() {
        return run == null ? null : run.checkpoint(Map.of()).optimizer();
    }
}
