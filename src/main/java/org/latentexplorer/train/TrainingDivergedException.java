package org.latentexplorer.train;

import org.latentexplorer.model.Network;

/** The loss became infinite or NaN: the step size is too large for this model and data. */
public final class TrainingDivergedException extends RuntimeException {
    TrainingDivergedException(int epoch, long iteration, Network.BatchTerms terms) {
        super(String.format("training diverged in epoch %d at iteration %d: recon %s, KL %s per batch;"
                        + " the weights from the previous iteration are kept. Try a smaller learning rate.",
                epoch, iteration, terms.reconSum(), terms.klSum()));
    }
}
