package org.latentexplorer.model;

import java.util.ArrayList;
import java.util.List;

/** What happened in each finished epoch of a model's training, kept with the model. */
public final class TrainingHistory {

    /**
     * One finished epoch. Losses are in nats per image, averaged over the set.
     *
     * @param epoch            1-based epoch number over the model's whole life
     * @param seconds          wall time of the epoch's training iterations
     * @param beta             the KL weight at the end of the epoch
     * @param trainRecon       mean reconstruction term over the epoch's training batches
     * @param trainKl          mean KL term over the epoch's training batches
     * @param testRecon        reconstruction term on the test set
     * @param testKl           KL term on the test set
     * @param testNegElbo      testRecon + testKl (the negative ELBO at beta = 1)
     * @param samplesPerSecond training images per second of wall time
     */
    public record Epoch(int epoch, double seconds, double beta, double trainRecon, double trainKl,
                        double testRecon, double testKl, double testNegElbo, double samplesPerSecond) {
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
