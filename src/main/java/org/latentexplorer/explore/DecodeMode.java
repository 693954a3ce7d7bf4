package org.latentexplorer.explore;

/** What an image of a latent point shows. */
public enum DecodeMode {
    /** The mean of p(x|z): the decoder's expected image, smooth. */
    MEAN,
    /** One draw from p(x|z): what the generative model actually produces, noisy. */
    SAMPLE
}
