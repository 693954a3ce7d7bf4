package org.latentexplorer.train;

/**
 * One training iteration, as reported to listeners. Losses are means per image of the batch.
 *
 * @param iteration        1-based iteration count over the whole run
 * @param epoch            1-based epoch the iteration belongs to
 * @param recon            reconstruction term
 * @param penalty          the kind's penalty term (KL, L1, L2); NaN for a kind without one
 * @param weight           the penalty's weight this iteration used (after warm-up); NaN without a penalty
 * @param samplesPerSecond images per second, smoothed over recent iterations
 */
public record IterationStats(long iteration, int epoch, double recon, double penalty, double weight,
                             double samplesPerSecond) {
}
