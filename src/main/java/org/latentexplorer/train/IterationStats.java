package org.latentexplorer.train;

/**
 * One training iteration, as reported to listeners. Losses are means per image of the batch, nats.
 *
 * @param iteration        1-based iteration count over the whole run
 * @param epoch            1-based epoch the iteration belongs to
 * @param recon            reconstruction term -log p(x|z)
 * @param kl               KL(q(z|x) || N(0, I)); 0 for the plain autoencoder
 * @param beta             the KL weight this iteration used (after warm-up)
 * @param samplesPerSecond images per second, smoothed over recent iterations
 */
public record IterationStats(long iteration, int epoch, double recon, double kl, double beta,
                             double samplesPerSecond) {
}
