package org.latentexplorer.ui.inspect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.latentexplorer.explore.LatentSlice;

/** The posterior's ellipses in the grid's plane, and the draws they summarise. */
class PosteriorEllipseTest {
    private static final double EPS = 1e-6;

    @Test
    void ellipsesAreCentredOnMuWithRadiiOfKStandardDeviations() {
        float[] mu = {0.5f, -1.25f};
        float[] logVar = {(float) Math.log(0.04), (float) Math.log(0.25)};   // sigma 0.2 and 0.5

        List<PosteriorEllipse> e = PosteriorEllipse.around(mu, logVar, LatentSlice.firstTwo(2));

        assertEquals(2, e.size());
        for (PosteriorEllipse el : e) {
            assertEquals(0.5, el.cx(), EPS);
            assertEquals(-1.25, el.cy(), EPS);
        }
        assertEquals(1, e.get(0).k());
        assertEquals(0.2, e.get(0).rx(), EPS);
        assertEquals(0.5, e.get(0).ry(), EPS);
        assertEquals(2, e.get(1).k());
        assertEquals(0.4, e.get(1).rx(), EPS);
        assertEquals(1.0, e.get(1).ry(), EPS);
    }

    @Test
    void inAThreeDimensionalLatentSpaceThePlanesDimensionsAreUsed() {
        float[] mu = {1f, 2f, 3f};
        float[] logVar = {0f, (float) Math.log(4), (float) Math.log(9)};   // sigma 1, 2, 3
        // Across z3, up z1; z2 held.
        LatentSlice plane = new LatentSlice(2, 0, new float[] {0f, 0.7f, 0f});

        PosteriorEllipse one = PosteriorEllipse.around(mu, logVar, plane).get(0);

        assertEquals(3, one.cx(), EPS);
        assertEquals(1, one.cy(), EPS);
        assertEquals(3, one.rx(), EPS);
        assertEquals(1, one.ry(), EPS);
    }

    @Test
    void aCodeWithoutSpreadHasNoEllipse() {
        assertTrue(PosteriorEllipse.around(new float[] {1f, 2f}, null, LatentSlice.firstTwo(2)).isEmpty());
    }

    @Test
    void theEllipsesHoldTheShareOfDrawsTheySay() {
        float[] mu = {0.3f, -0.2f};
        float[] logVar = {(float) Math.log(0.09), (float) Math.log(0.01)};
        int n = 40_000;
        float[] z = InspectViewModel.draw(mu, logVar, n, 11);
        for (PosteriorEllipse e : PosteriorEllipse.around(mu, logVar, LatentSlice.firstTwo(2))) {
            int inside = 0;
            for (int i = 0; i < n; i++) {
                double u = (z[2 * i] - e.cx()) / e.rx();
                double v = (z[2 * i + 1] - e.cy()) / e.ry();
                if (u * u + v * v <= 1) {
                    inside++;
                }
            }
            double p = e.mass();
            // Four standard errors of a binomial share.
            assertEquals(p, inside / (double) n, 4 * Math.sqrt(p * (1 - p) / n), "k = " + e.k());
        }
        assertEquals(0.393, PosteriorEllipse.around(mu, logVar, LatentSlice.firstTwo(2)).get(0).mass(), 1e-3);
    }

    @Test
    void drawsHaveTheMeanAndVarianceOfThePosterior() {
        float[] mu = {1.5f, -0.5f, 0f};
        float[] logVar = {(float) Math.log(0.01), 0f, (float) Math.log(2.25)};
        int n = 20_000;
        int k = mu.length;
        float[] z = InspectViewModel.draw(mu, logVar, n, 42);
        for (int d = 0; d < k; d++) {
            double sum = 0;
            for (int i = 0; i < n; i++) {
                sum += z[i * k + d];
            }
            double mean = sum / n;
            double ss = 0;
            for (int i = 0; i < n; i++) {
                double r = z[i * k + d] - mean;
                ss += r * r;
            }
            double variance = ss / (n - 1);
            double expected = Math.exp(logVar[d]);
            // Four standard errors: of the mean sqrt(var / n), of the variance var * sqrt(2 / (n - 1)).
            assertEquals(mu[d], mean, 4 * Math.sqrt(expected / n), "mean of z" + (d + 1));
            assertEquals(expected, variance, 4 * expected * Math.sqrt(2.0 / (n - 1)), "variance of z" + (d + 1));
        }
    }

    @Test
    void theSameSeedGivesTheSameDrawsAndAnotherSeedOthers() {
        float[] mu = {0f, 0f};
        float[] logVar = {0f, 0f};
        float[] a = InspectViewModel.draw(mu, logVar, 6, 5);
        assertEquals(java.util.Arrays.toString(a), java.util.Arrays.toString(InspectViewModel.draw(mu, logVar, 6, 5)));
        assertTrue(!java.util.Arrays.equals(a, InspectViewModel.draw(mu, logVar, 6, 6)));
    }
}
