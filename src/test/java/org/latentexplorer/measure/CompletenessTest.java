package org.latentexplorer.measure;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

class CompletenessTest {
    private static final int D = 16;

    /** n images of D pixels, uniform in [0, 1]. */
    private static float[] images(int n, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        float[] px = new float[n * D];
        for (int i = 0; i < px.length; i++) {
            px[i] = (float) rng.nextDouble();
        }
        return px;
    }

    @Test
    void nearestDistancesByMatrixProductAreThoseOfAnExhaustiveSearch() {
        float[] reference = images(300, 1);
        float[] queries = images(70, 2);
        double[] fast = new NearestImages(reference, 300, D).distances(queries, 70);
        for (int q = 0; q < 70; q++) {
            double best = Double.MAX_VALUE;
            for (int r = 0; r < 300; r++) {
                double s = 0;
                for (int p = 0; p < D; p++) {
                    double d = queries[q * D + p] - reference[r * D + p];
                    s += d * d;
                }
                best = Math.min(best, s);
            }
            assertEquals(Math.sqrt(best), fast[q], 1e-3, "query " + q);
        }
    }

    @Test
    void aDecoderThatReproducesTrainingImagesIsCompleteAndOneFarFromThemIsNot() {
        float[] train = images(200, 3);
        float[] test = images(100, 4);
        Completeness.Reference reference = Completeness.Reference.of(train, 200, test, 100, D);
        float[] draws = new float[50];
        for (int i = 0; i < draws.length; i++) {
            draws[i] = i;
        }
        // Sample i decodes to training image i: distance 0.
        LatentModel copies = Constructed.decoder(1, D, (z, image) ->
                System.arraycopy(train, (int) z[0] * D, image, 0, D));
        assertEquals(1.0, Completeness.measure(copies, reference, draws, 50, 0).completeness());
        // Every pixel at 3: farther than any test image lies from the training set.
        LatentModel bright = Constructed.decoder(1, D, (z, image) -> java.util.Arrays.fill(image, 3f));
        Completeness.Result far = Completeness.measure(bright, reference, draws, 50, 0);
        assertEquals(0.0, far.completeness());
        assertTrue(far.threshold() > 0.5 && far.threshold() < 3, "threshold " + far.threshold());
    }

    @Test
    void theWorstSamplesAreTheFarthestFirstWithTheirCodes() {
        float[] train = new float[D];          // one black training image
        Completeness.Reference reference = Completeness.Reference.of(train, 1, new float[D], 1, D);
        // The image's first pixel is |z|: its distance from black.
        LatentModel ramp = Constructed.decoder(1, D, (z, image) -> image[0] = Math.abs(z[0]));
        float[] draws = {0.5f, -4f, 1f, 3f, -0.1f};
        Completeness.Result r = Completeness.measure(ramp, reference, draws, 5, 3);
        assertEquals(3, r.worst().size());
        assertEquals(1, r.worst().get(0).index());
        assertEquals(3, r.worst().get(1).index());
        assertEquals(2, r.worst().get(2).index());
        assertArrayEquals(new float[] {-4f}, r.worst().get(0).z());
        assertEquals(4, r.worst().get(0).distance(), 1e-5);
        assertEquals(0.0, r.completeness()); // the test image is the training image: threshold 0
    }

    @Test
    void theYardstickIsTheModelsOwnReconstructionsOfTheTestImages() {
        float[] train = images(200, 7);
        float[] test = images(100, 8);
        // Codes are an image's first pixel; a code decodes to an even grey of that value: a blur.
        LatentModel grey = new LatentModel() {
            @Override
            public int latent() {
                return 1;
            }

            @Override
            public int pixels() {
                return D;
            }

            @Override
            public Posterior encode(float[] pixels, int count) {
                float[] mu = new float[count];
                for (int i = 0; i < count; i++) {
                    mu[i] = pixels[i * D];
                }
                return new Posterior(count, 1, mu, null);
            }

            @Override
            public float[] decode(float[] z, int count) {
                float[] out = new float[count * D];
                for (int i = 0; i < count; i++) {
                    java.util.Arrays.fill(out, i * D, (i + 1) * D, z[i]);
                }
                return out;
            }
        };
        // Independently: each reconstruction's distance to its nearest training image, by exhaustive search.
        double[] own = new double[100];
        for (int q = 0; q < 100; q++) {
            double best = Double.MAX_VALUE;
            for (int r = 0; r < 200; r++) {
                double sum = 0;
                for (int p = 0; p < D; p++) {
                    double d = test[q * D] - train[r * D + p];
                    sum += d * d;
                }
                best = Math.min(best, sum);
            }
            own[q] = Math.sqrt(best);
        }
        double expected = Quantiles.percentile(own, Completeness.TEST_QUANTILE);
        Completeness.Reference reference = Completeness.Reference.ofReconstructions(grey, train, 200, test, 100);
        assertEquals(expected, reference.threshold(), 1e-3);
    }
}
