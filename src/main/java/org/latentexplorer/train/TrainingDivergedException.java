package org.latentexplorer.train;

import org.latentexplorer.model.ModelKind;
import org.latentexplorer.model.Network;

/** The loss became infinite or NaN: the step size is too large for this model and data. */
public final class TrainingDivergedException extends RuntimeException {
    TrainingDivergedException(int epoch, long iteration, ModelKind kind, Network.BatchTerms terms) {
        super(String.format("training diverged in epoch %d at iteration %d: recon %s%s per batch;"
                        + " the weights from the previous iteration are kept. Try a smaller learning rate.",
                epoch, iteration, terms.reconSum(),
                kind.penalty().map(p -> ", " + p.key().toUpperCase(java.util.Locale.ROOT) + " " + terms.penaltySum())
                        .orElse("")));
    }
}
