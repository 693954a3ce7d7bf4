package org.latentexplorer.train;

import java.util.SplittableRandom;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

import org.latentexplorer.data.ImageSet;
import org.latentexplorer.model.Adam;
import org.latentexplorer.model.OptimizerState;
import org.latentexplorer.model.TrainingHistory;
import org.latentexplorer.model.Network;
import org.latentexplorer.model.NetworkBatch;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Trains one model on one dataset. {@link #run} blocks the calling (background) thread; any other
 * thread may meanwhile {@link #pause}, {@link #resume}, {@link #cancel}, change {@link #setBeta beta}
 * (read at every iteration) or take a consistent {@link #snapshot}. Whenever it returns, the model
 * holds the weights of the last finished iteration: a usable model.
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
    /** Written by an iteration; read by the test evaluation and snapshots, which may overlap. */
    private final ReentrantReadWriteLock weights = new ReentrantReadWriteLock();
    /** Only for pausing: cancel and resume never wait for an iteration or an evaluation. */
    private final ReentrantLock control = new ReentrantLock();
    private final Condition unpaused = control.newCondition();
    private volatile double beta;
    private volatile boolean paused;
    private volatile boolean cancelled;

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
        this.beta = settings.beta();
        this.history = history;
        this.adam = new Adam(vae, settings.learningRate(), resumeFrom);
    }

    public TrainingRun(Network vae, ImageSet train, ImageSet test, TrainingSettings settings) {
        this(vae, train, test, settings, null, new TrainingHistory());
    }

    /** Trains for settings.epochs() epochs, or until cancelled. */
    public Result run(TrainingListener listener) {
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

        for (int e = 0; e < settings.epochs(); e++) {
            int epoch = firstEpoch + e;
            // One generator per epoch from the seed: an epoch's batch order and noise depend only on
            // the seed and the epoch number.
            SplittableRandom rng = new SplittableRandom(settings.seed() * 1_000_003L + epoch);
            shuffledIdentity(order, rng);
            double reconSum = 0;
            double klSum = 0;
            long trainNanos = 0;
            for (int b = 0; b < perEpoch; b++) {
                if (!awaitRunnable()) {
                    return new Result(Outcome.CANCELLED, iteration, e);
                }
                long t0 = System.nanoTime();
                int from = b * batchSize;
                int m = Math.min(batchSize, n - from);
                NetworkBatch batch = m == batchSize ? full : tail;
                double betaNow = effectiveBeta(iteration, warmupIterations);
                weights.writeLock().lock();
                Network.BatchTerms t;
                try {
                    batch.load(train, order, from, m);
                    t = batch.terms(rng);
                    if (!Double.isFinite(t.reconSum()) || !Double.isFinite(t.klSum())) {
                        throw new TrainingDivergedException(epoch, iteration + 1, t);
                    }
                    batch.backward(betaNow);
                    adam.step(vae.params(), grad);
                } finally {
                    weights.writeLock().unlock();
                }
                long dt = System.nanoTime() - t0;
                trainNanos += dt;
                iteration++;
                reconSum += t.reconSum();
                klSum += t.klSum();
                double rate = m / (dt / 1e9);
                smoothedRate = smoothedRate == 0 ? rate : 0.9 * smoothedRate + 0.1 * rate;
                listener.onIteration(new IterationStats(adam.iteration(), epoch, t.reconSum() / m,
                        t.klSum() / m, betaNow, smoothedRate));
            }
            double seconds = trainNanos / 1e9;
            Evaluation.Terms testTerms;
            weights.readLock().lock();
            try {
                testTerms = Evaluation.terms(vae, test);
            } finally {
                weights.readLock().unlock();
            }
            TrainingHistory.Epoch record = new TrainingHistory.Epoch(epoch, seconds,
                    effectiveBeta(iteration, warmupIterations), reconSum / n, klSum / n, testTerms.recon(),
                    testTerms.kl(), testTerms.negElbo(), n / seconds);
            history.add(record);
            listener.onEpoch(record);
        }
        return new Result(Outcome.FINISHED, iteration, settings.epochs());
    }

    private double effectiveBeta(long iteration, double warmupIterations) {
        double b = beta;
        return warmupIterations <= 0 ? b : b * Math.min(1.0, (iteration + 1) / warmupIterations);
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

    /** The KL weight for the next iterations (before warm-up scaling). */
    public void setBeta(double beta) {
        TrainingSettings.checkBeta(beta);
        this.beta = beta;
    }

    public double beta() {
        return beta;
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

    /** Adam's state between two iterations, for saving the model to continue later. */
    public OptimizerState optimizerState() {
        weights.readLock().lock();
        try {
            return adam.save();
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
