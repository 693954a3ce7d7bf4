package org.latentexplorer.model;

import java.util.ArrayList;
import java.util.List;

/** What happened in each finished epoch of a model's training, kept with the model. */
public final class TrainingHistory {

    /**
     * One finished epoch. Losses are per image, averaged over the set: in nats, but for the squared
     * error of the linear models. A kind without a penalty term has NaN for weight and penalties.
     *
     * @param epoch            1-based epoch number over the model's whole life
     * @param seconds          wall time of the epoch's training iterations
     * @param weight           the penalty's weight (beta, lambda) at the end of the epoch
     * @param trainRecon       mean reconstruction term over the epoch's training batches
     * @param trainPenalty     mean penalty term (KL, L1, L2) over the epoch's training batches
     * @param testRecon        reconstruction term on the test set
     * @param testPenalty      penalty term on the test set
     * @param samplesPerSecond training images per second of wall time
     */
    public record Epoch(int epoch, double seconds, double weight, double trainRecon, double trainPenalty,
                        double testRecon, double testPenalty, double samplesPerSecond) {

        /** recon + KL on the test set: the negative ELBO, for a VAE (see {@link ModelKind#hasPrior()}). */
        public double testNegElbo() {
            return testRecon + testPenalty;
        }
    }

    private final List<Epoch> epochs = new ArrayList<>();

    public TrainingHistory() {
    }

    public TrainingHistory(List<Epoch> epochs) {
        this.epochs.addAll(epochs);
    }

    public synchronized void add(Epoch e) {
        epochs.add(e);
    }

    public synchronized List<Epoch> epochs() {
        return List.copyOf(epochs);
    }

    public synchronized int size() {
        return epochs.size();
    }

    public synchronized TrainingHistory copy() {
        return new TrainingHistory(epochs);
    }
}
