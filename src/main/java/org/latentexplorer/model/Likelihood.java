package org.latentexplorer.model;

/** The decoder's distribution p(x|z) over pixel intensities in [0, 1]. */
public enum Likelihood {
    /** Each pixel is Bernoulli with mean sigmoid(logit): recon = sum of binary cross-entropies. */
    BERNOULLI,
    /**
     * Each pixel is Gaussian with mean sigmoid(logit) and a fixed sigma:
     * recon = sum (x - mean)^2 / (2 sigma^2) + D/2 log(2 pi sigma^2).
     */
    GAUSSIAN
}
