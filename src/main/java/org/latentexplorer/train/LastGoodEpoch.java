package org.latentexplorer.train;

import java.util.Map;

import org.latentexplorer.model.Adam;
import org.latentexplorer.model.ModelKind;
import org.latentexplorer.model.Network;
import org.latentexplorer.model.OptimizerState;
import org.latentexplorer.model.SavedModel;
import org.latentexplorer.model.TrainingHistory;

/**
 * The weights and Adam's state at the end of a run's last finished epoch whose weights were all
 * finite: what a diverged run goes back to and what the recovery copy holds. Taken into the same
 * arrays at every epoch's end (16 MB for the default VAE), and copied into a {@link SavedModel}
 * only when one is asked for, so a run that ends an epoch every second does not allocate 16 MB of
 * new arrays every second. Thread-safe.
 */
final class LastGoodEpoch {
    private float[] params;
    private float[] moments;
    private float[] taking;
    private ModelKind kind;
    private long iteration;
    private int epochs;

    /**
     * Takes the network's weights and the optimizer's state as those of the history's first
     * epochs epochs, unless a weight is not finite: then the last good epoch stays what it was.
     * Called by the training thread with the weights held still.
     *
     * @return whether the weights were all finite and were taken
     */
    boolean take(Network network, Adam adam, ModelKind kindNow, int epochsNow) {
        int n = Math.toIntExact(network.params().length());
        if (taking == null || taking.length != n) {
            taking = new float[n];
        }
        network.copyParams(taking);
        for (float w : taking) {
            if (!Float.isFinite(w)) {
                return false;
            }
        }
        synchronized (this) {
            float[] last = params;
            params = taking;
            taking = last;
            if (moments == null) {
                moments = new float[2 * n];
            }
            adam.copyMoments(moments);
            iteration = adam.iteration();
            kind = kindNow;
            epochs = epochsNow;
        }
        return true;
    }

    /**
     * A model file's content for the last good epoch, its arrays copies; null when no epoch of the
     * run has ended with finite weights.
     */
    synchronized SavedModel toSaved(Network network, double learningRate, TrainingHistory history,
                                    Map<String, String> info) {
        if (params == null) {
            return null;
        }
        TrainingHistory upToIt = new TrainingHistory(history.epochs().subList(0, epochs));
        return new SavedModel(network.config().withKind(kind), params.clone(),
                new OptimizerState(learningRate, iteration, moments.clone()), upToIt, info);
    }
}
