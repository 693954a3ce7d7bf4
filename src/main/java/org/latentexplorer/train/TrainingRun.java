package org.latentexplorer.train;

import java.util.SplittableRandom;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

import org.latentexplorer.data.ImageSet;
import java.util.Map;

import org.latentexplorer.model.Adam;
import org.latentexplorer.model.ModelKind;
import org.latentexplorer.model.OptimizerState;
import org.latentexplorer.model.PcaFit;
import org.latentexplorer.model.SavedModel;
import org.latentexplorer.model.TrainingHistory;
import org.latentexplorer.model.Network;
import org.latentexplorer.model.NetworkBatch;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Trains one model on one dataset. {@link #run} blocks the calling (background) thread; any other
 * thread may meanwhile {@link #pause}, {@link #resume}, {@link #cancel}, change a hyper-parameter of
 * the model's kind ({@link #setKnob}, e.g. beta, read at every iteration) or take a consistent
 * {@link #checkpoint}. Whenever it returns, the model holds the weights of the last finished
 * iteration: a usable model. A kind computed in closed form (PCA) is fitted in one "epoch" instead.
 */
public final class TrainingRun {

    /** How a run ended. */
    public enum Outcome { FINISHED, CANCELLED }

    /**
     * @param outcome    finished all epochs or was cancelled
     * @param iterations iterations done in this run
     * @param epochs     epochs completed in this run
     */
    public record Result(Outcome outcome, long iterations, int epochs) {
    }

    private final Network vae;
    private final ImageSet train;
    private final ImageSet test;
    private final TrainingSettings settings;
    private final Adam adam;
    private final TrainingHistory history;
    /** The kind with its hyper-parameters of the moment; replaced whole when one changes. */
    private volatile ModelKind kind;
    /** Written by an iteration; read by the test evaluation and snapshots, which may overlap. */
    private final ReentrantReadWriteLock weights = new ReentrantReadWriteLock();
    /** Only for pausing: cancel and resume never wait for an iteration or an evaluation. */
    private final ReentrantLock control = new ReentrantLock();
    private final Condition unpaused = control.newCondition();
    private volatile boolean paused;
    private volatile boolean cancelled;
    private final LastGoodEpoch lastGood = new LastGoodEpoch();
    /** The test set's measurement after each epoch, its batches kept for the whole run. */
    private Evaluation.Repeated testEvaluation;

    /**
     * @param resumeFrom Adam state saved with the model, to continue its training; null to start the
     *                   optimizer fresh
     * @param history    the model's history so far; new epochs are appended (numbering continues)
     */
    public TrainingRun(Network vae, ImageSet train, ImageSet test, TrainingSettings settings,
                       OptimizerState resumeFrom, TrainingHistory history) {
        if (train.imageSize() != vae.config().inputSize() || test.imageSize() != vae.config().inputSize()) {
            throw new IllegalArgumentException("the data's images are " + train.rows() + " x " + train.cols()
                    + " but the model expects " + vae.config().rows() + " x " + vae.config().cols());
        }
        if (train.count() == 0 || test.count() == 0) {
            throw new IllegalArgumentException("training needs at least one training and one test image");
        }
        this.vae = vae;
        this.train = train;
        this.test = test;
        this.settings = settings;
        this.kind = vae.kind();
        this.history = history;
        this.adam = new Adam(vae, settings.learningRate(), resumeFrom);
    }

    public TrainingRun(Network vae, ImageSet train, ImageSet test, TrainingSettings settings) {
        this(vae, train, test, settings, null, new TrainingHistory());
    }

    /** Trains for settings.epochs() epochs, or until cancelled. */
    public Result run(TrainingListener listener) {
        try {
            return vae.kind().fitted() ? fit(listener) : descend(listener);
        } finally {
            if (testEvaluation != null) {
                testEvaluation.release();
                testEvaluation = null;
            }
        }
    }

    private Result descend(TrainingListener listener) {
        int n = train.count();
        int batchSize = Math.min(settings.batchSize(), n);
        int perEpoch = (n + batchSize - 1) / batchSize;
        INDArray grad = Nd4j.create(vae.dataType(), 1, vae.params().length());
        NetworkBatch full = new NetworkBatch(vae, batchSize, grad);
        NetworkBatch tail = n % batchSize == 0 ? null : new NetworkBatch(vae, n % batchSize, grad);
        double warmupIterations = settings.warmupEpochs() * perEpoch;
        int firstEpoch = history.size() + 1;
        long iteration = 0;
        double smoothedRate = 0;
        int[] order = new int[n];

        try {
            for (int e = 0; e < settings.epochs(); e++) {
                int epoch = firstEpoch + e;
                // One generator per epoch from the seed: an epoch's batch order and noise depend only on
                // the seed and the epoch number.
                SplittableRandom rng = new SplittableRandom(settings.seed() * 1_000_003L + epoch);
                shuffledIdentity(order, rng);
                double reconSum = 0;
                double penaltySum = 0;
                long trainNanos = 0;
                for (int b = 0; b < perEpoch; b++) {
                    if (!awaitRunnable()) {
                        return new Result(Outcome.CANCELLED, iteration, e);
                    }
                    long t0 = System.nanoTime();
                    int from = b * batchSize;
                    int m = Math.min(batchSize, n - from);
                    NetworkBatch batch = m == batchSize ? full : tail;
                    ModelKind now = kind;
                    double weight = effectiveWeight(now, iteration, warmupIterations);
                    weights.writeLock().lock();
                    Network.BatchTerms t;
                    try {
                        batch.load(train, order, from, m);
                        t = batch.terms(now, rng);
                        if (!Double.isFinite(t.reconSum()) || !Double.isFinite(t.penaltySum())) {
                            throw new TrainingDivergedException(epoch, iteration + 1, now, t);
                        }
                        batch.backward(now, weight);
                        adam.step(vae.params(), grad);
                    } finally {
                        weights.writeLock().unlock();
                    }
                    long dt = System.nanoTime() - t0;
                    trainNanos += dt;
                    iteration++;
                    reconSum += t.reconSum();
                    penaltySum += t.penaltySum();
                    double rate = m / (dt / 1e9);
                    smoothedRate = smoothedRate == 0 ? rate : 0.9 * smoothedRate + 0.1 * rate;
                    boolean hasPenalty = now.penalty().isPresent();
                    listener.onIteration(new IterationStats(adam.iteration(), epoch, t.reconSum() / m,
                            hasPenalty ? t.penaltySum() / m : Double.NaN, hasPenalty ? weight : Double.NaN,
                            smoothedRate));
                }
                ModelKind now = kind;
                boolean hasPenalty = now.penalty().isPresent();
                double weightNow = hasPenalty ? effectiveWeight(now, iteration, warmupIterations) : Double.NaN;
                endEpoch(listener, epoch, trainNanos / 1e9, weightNow, reconSum / n,
                        hasPenalty ? penaltySum / n : Double.NaN, n);
            }
            return new Result(Outcome.FINISHED, iteration, settings.epochs());
        } finally {
            // The batches' forward and backward arrays and the gradient, freed now rather than when
            // the collector finds them.
            full.release();
            if (tail != null) {
                tail.release();
            }
            org.latentexplorer.model.Host.release(grad);
        }
    }

    /** Measures the epoch's weights on the test set and records the epoch in the history. */
    private void endEpoch(TrainingListener listener, int epoch, double seconds, double weight, double trainRecon,
                          double trainPenalty, int images) {
        Evaluation.Terms testTerms;
        weights.readLock().lock();
        try {
            if (testEvaluation == null) {
                testEvaluation = new Evaluation.Repeated(vae, test);
            }
            testTerms = testEvaluation.terms(kind);
        } finally {
            weights.readLock().unlock();
        }
        TrainingHistory.Epoch record = new TrainingHistory.Epoch(epoch, seconds, weight, trainRecon, trainPenalty,
                testTerms.recon(), testTerms.penalty(), images / seconds);
        // Under the write lock, so that a checkpoint pairs these weights with the history that ends here.
        weights.writeLock().lock();
        try {
            history.add(record);
            lastGood.take(vae, adam, kind, history.size());
        } finally {
            weights.writeLock().unlock();
        }
        listener.onEpoch(record);
    }

    /** A kind computed in closed form: one fit over the training set, recorded as one epoch. */
    private Result fit(TrainingListener listener) {
        if (!awaitRunnable()) {
            return new Result(Outcome.CANCELLED, 0, 0);
        }
        long t0 = System.nanoTime();
        Network fitted = PcaFit.fit(vae.config(), train);
        weights.writeLock().lock();
        try {
            vae.copyFrom(fitted);
        } finally {
            weights.writeLock().unlock();
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        Evaluation.Terms trainTerms = Evaluation.terms(vae, train);
        endEpoch(listener, history.size() + 1, seconds, Double.NaN, trainTerms.recon(), Double.NaN, train.count());
        return new Result(Outcome.FINISHED, 0, 1);
    }

    /** The penalty's weight for the next iteration: the kind's (beta, lambda), scaled during warm-up. */
    private static double effectiveWeight(ModelKind kind, long iteration, double warmupIterations) {
        double w = kind.penaltyWeight();
        return warmupIterations <= 0 ? w : w * Math.min(1.0, (iteration + 1) / warmupIterations);
    }

    /** Blocks while paused; false once cancelled. */
    private boolean awaitRunnable() {
        if (!paused) {
            return !cancelled;
        }
        control.lock();
        try {
            while (paused && !cancelled) {
                unpaused.awaitUninterruptibly();
            }
        } finally {
            control.unlock();
        }
        return !cancelled;
    }

    /**
     * Sets a hyper-parameter of the model's kind (e.g. "beta") for the next iterations (before any
     * warm-up scaling).
     *
     * @throws IllegalArgumentException naming the knob when the kind has no such knob or the value is out of its range
     */
    public synchronized void setKnob(String key, double value) {
        kind = kind.with(key, value);
    }

    /** The kind with the hyper-parameters in use now. */
    public ModelKind kind() {
        return kind;
    }

    /** Holds the run after the current iteration. */
    public void pause() {
        paused = true;
    }

    public void resume() {
        control.lock();
        try {
            paused = false;
            unpaused.signalAll();
        } finally {
            control.unlock();
        }
    }

    public boolean isPaused() {
        return paused;
    }

    /** Stops the run after the current iteration (also when paused). */
    public void cancel() {
        control.lock();
        try {
            cancelled = true;
            unpaused.signalAll();
        } finally {
            control.unlock();
        }
    }

    /** A copy of the model between two iterations, safe to use on the calling thread. */
    public Network snapshot() {
        weights.readLock().lock();
        try {
            return vae.copy();
        } finally {
            weights.readLock().unlock();
        }
    }

    /**
     * Copies the weights between two iterations into a model of the same shape, without allocating:
     * how a display follows a running training several times a second.
     */
    public void copyWeightsTo(Network target) {
        weights.readLock().lock();
        try {
            target.copyFrom(vae);
        } finally {
            weights.readLock().unlock();
        }
    }

    /**
     * Everything to save between two iterations, taken at once: the weights, Adam's moments and
     * iteration count, the history of finished epochs and the kind's hyper-parameters, so that
     * the file resumes exactly where the training was.
     */
    public SavedModel checkpoint(Map<String, String> info) {
        ModelKind k = kind;
        weights.readLock().lock();
        try {
            return new SavedModel(vae.config().withKind(k), vae.paramsToArray(), adam.save(), history.copy(), info);
        } finally {
            weights.readLock().unlock();
        }
    }

    /**
     * Everything to save as of the end of this run's last finished epoch whose weights were all
     * finite (any thread): what to go back to when the run diverges, and what a recovery copy keeps.
     * Null when no epoch of this run has ended so, and the caller has the weights it started from.
     */
    public SavedModel lastGoodEpoch(Map<String, String> info) {
        return lastGood.toSaved(vae, adam.learningRate(), history, info);
    }

    /** Adam steps taken over the model's life, as of the last finished iteration. */
    public long iterations() {
        weights.readLock().lock();
        try {
            return adam.iteration();
        } finally {
            weights.readLock().unlock();
        }
    }

    public TrainingHistory history() {
        return history;
    }

    private static void shuffledIdentity(int[] a, SplittableRandom rng) {
        for (int i = 0; i < a.length; i++) {
            a[i] = i;
        }
        for (int i = a.length - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }
}
