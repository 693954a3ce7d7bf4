package org.latentexplorer.measure;

import org.latentexplorer.data.ImageSet;

/**
 * The least a Bernoulli reconstruction term can be on grayscale images. Its per-pixel term
 * -x log p - (1 - x) log(1 - p) is smallest at p = x, where it is the entropy of a coin of bias x,
 * H(x) = -x log x - (1 - x) log(1 - x): 0 only for pure black and white pixels. So even a perfect
 * decoder pays the sum of its targets' pixel entropies, about 46 nats per image on the shipped
 * MNIST test set and 191 on Fashion-MNIST, whose grey garments make its recon look worse than the
 * model is; the excess over the floor is what a model can still improve.
 */
public final class ReconstructionFloor {
    /** H of each 8-bit grey level v / 255, in nats. */
    private static final double[] ENTROPY = new double[256];

    static {
        for (int v = 0; v < 256; v++) {
            ENTROPY[v] = entropy(v / 255.0);
        }
    }

    private ReconstructionFloor() {
    }

    /** H(x) in nats of a pixel x in [0, 1]. */
    public static double entropy(double x) {
        if (!(x >= 0 && x <= 1)) {
            throw new IllegalArgumentException("a pixel lies in [0, 1], not " + x);
        }
        return (x > 0 ? -x * Math.log(x) : 0) + (x < 1 ? -(1 - x) * Math.log(1 - x) : 0);
    }

    /** The mean over the images of the sum of their pixel entropies, nats per image. */
    public static double of(ImageSet images) {
        double sum = 0;
        int d = images.imageSize();
        for (int i = 0; i < images.count(); i++) {
            for (int p = 0; p < d; p++) {
                sum += ENTROPY[images.pixel(i, p)];
            }
        }
        return sum / images.count();
    }
}
