package org.latentexplorer.train;

import org.latentexplorer.model.TrainingHistory;

/**
 * Receives a training run's progress, on the training thread: keep the work short, and hand it to
 * another thread (e.g. the UI thread) when it is not.
 */
public interface TrainingListener {
    default void onIteration(IterationStats stats) {
    }

    /** An epoch finished and was measured on the test set. */
    default void onEpoch(TrainingHistory.Epoch epoch) {
    }

    /** Nothing to report. */
    TrainingListener NONE = new TrainingListener() {
    };
}
