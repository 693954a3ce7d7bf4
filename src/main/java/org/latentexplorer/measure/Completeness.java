package org.latentexplorer.measure;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Whether points drawn from the prior decode to images like the data: each sample's distance to
 * its nearest training image, against how far the model's own decodings of the test images lie
 * from the training set. completeness is the fraction of samples within the 95th percentile of
 * the test reconstructions' nearest-training distances, so a model whose samples look like what
 * it makes of real images scores about 0.95 or more, and one whose prior falls on ghosts between
 * its codes scores less.
 *
 * <p>The yardstick is the reconstructions, not the test images themselves, because a decoder's
 * pixel means are smooth: a blur lies closer, in pixel distance, to the training set than any sharp
 * handwritten digit does, so against the raw test images every decoded sample passes and the
 * figure says nothing. Decoder output is measured against decoder output.
 */
public final class Completeness {
    /** Which of the test images' nearest-training distances bounds a sample that looks like data. */
    public static final double TEST_QUANTILE = 0.95;

    /**
     * What the model is compared with, built once per data set: the training images and the test
     * images' own nearest-training distances.
     */
    public static final class Reference {
        private final NearestImages training;
        private final double threshold;

        private Reference(NearestImages training, double threshold) {
            this.training = training;
            this.threshold = threshold;
        }

        /**
         * @param train    the training images, pixels in [0, 1], image after image
         * @param yardstick the images whose nearest-training distances bound a sample that looks like data
         */
        public static Reference of(float[] train, int trainCount, float[] yardstick, int yardstickCount, int pixels) {
            NearestImages training = new NearestImages(train, trainCount, pixels);
            double[] own = training.distances(yardstick, yardstickCount);
            // The reference keeps only the training images.
            return new Reference(training, Quantiles.percentile(own, TEST_QUANTILE));
        }

        /** The reference of a model: its decodings of the test images' codes (the posterior means) as the yardstick. */
        public static Reference ofReconstructions(LatentModel model, float[] train, int trainCount, float[] test,
                                                  int testCount) {
            float[] reconstructions = model.decode(model.encode(test, testCount).mu(), testCount);
            return of(train, trainCount, reconstructions, testCount, model.pixels());
        }

        /** The 95th percentile of the yardstick images' distances to their nearest training image. */
        public double threshold() {
            return threshold;
        }

        /** Frees the training images' native copy; the reference must not be used afterwards. */
        public void release() {
            training.release();
        }

        /** Each image's distance to its nearest training image. */
        public double[] distances(float[] images, int count) {
            return training.distances(images, count);
        }
    }

    /** A sample far from every training image: its index among the draws, its code and that distance. */
    public record Sample(int index, float[] z, double distance) {
    }

    /**
     * @param distances each sample's distance to its nearest training image, in draw order
     * @param worst     the samples farthest from the training set, farthest first
     */
    public record Result(double completeness, double threshold, int samples, double[] distances, List<Sample> worst) {
        /** The median sample's distance to its nearest training image. */
        public double medianDistance() {
            return Quantiles.percentile(distances, 0.5);
        }
    }

    private Completeness() {
    }

    /**
     * Decodes count prior draws z[i * k + d] and measures them against the reference.
     *
     * @param worst how many of the farthest samples to return
     */
    public static Result measure(LatentModel model, Reference reference, float[] draws, int count, int worst) {
        int k = model.latent();
        if (count < 1 || draws.length != count * k) {
            throw new IllegalArgumentException(count + " draws of " + k + " values need " + count * k + " numbers, not "
                    + draws.length);
        }
        double[] d = reference.distances(model.decode(draws, count), count);
        int within = 0;
        for (double v : d) {
            if (v <= reference.threshold()) {
                within++;
            }
        }
        List<Sample> far = new ArrayList<>();
        IntStream.range(0, count).boxed()
                .sorted(Comparator.comparingDouble((Integer i) -> d[i]).reversed())
                .limit(Math.max(0, worst))
                .forEach(i -> far.add(new Sample(i, Arrays.copyOfRange(draws, i * k, (i + 1) * k), d[i])));
        return new Result((double) within / count, reference.threshold(), count, d, List.copyOf(far));
    }
}
