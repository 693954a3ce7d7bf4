package org.latentexplorer.measure;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.latentexplorer.explore.LatentSlice;
import org.latentexplorer.explore.LatentSpace;
import org.latentexplorer.explore.Viewport;

class HolesTest {
    private static final float[] PRIOR_DRAWS = LatentSpace.drawFromPrior(2000, 2, 1.0, 11);

    @Test
    void codesAllInOneCornerLeaveMostOfThePriorInHoles() {
        AggregatePosterior q = AggregatePosterior.of(Constructed.pointCodes(1000, new float[] {4, 4}, 0.3, 1));
        double fraction = Holes.fraction(q, PRIOR_DRAWS, 2000);
        assertTrue(fraction > 0.95, "hole fraction " + fraction);
    }

    @Test
    void codesSpreadLikeThePriorLeaveNoHoles() {
        AggregatePosterior q = AggregatePosterior.of(Constructed.pointCodes(3000, new float[] {0, 0}, 1.0, 2));
        double fraction = Holes.fraction(q, PRIOR_DRAWS, 2000);
        assertTrue(fraction < 0.01, "hole fraction " + fraction);
    }

    @Test
    void posteriorsEqualToThePriorMakeQEqualToP() {
        int n = 50;
        LatentModel.Posterior prior = new LatentModel.Posterior(n, 2, new float[2 * n], new float[2 * n]);
        AggregatePosterior q = AggregatePosterior.of(prior);
        assertNull(q.bandwidth(), "a posterior with a spread is its own kernel");
        double[] logQ = q.logDensity(java.util.Arrays.copyOf(PRIOR_DRAWS, 40), 20);
        for (int i = 0; i < 20; i++) {
            assertEquals(AggregatePosterior.logPrior(PRIOR_DRAWS, 2 * i, 2), logQ[i], 1e-9);
        }
        Holes.Coverage coverage = Holes.coverage(q, PRIOR_DRAWS, 2000);
        assertEquals(0.0, coverage.fraction());
        assertEquals(1.0, coverage.medianRatio(), 1e-9);
    }

    @Test
    void theMixtureDensityIsTheMeanOfTheGaussians() {
        LatentModel.Posterior posteriors = Constructed.randomPosteriors(40, 3, 5);
        float[] z = {0.3f, -1.2f, 2.0f, -2.5f, 0.1f, 0.7f};
        double[] logQ = AggregatePosterior.of(posteriors).logDensity(z, 2);
        for (int p = 0; p < 2; p++) {
            double sum = 0;
            for (int i = 0; i < 40; i++) {
                double density = 1;
                for (int d = 0; d < 3; d++) {
                    double var = Math.exp(posteriors.logVar(i, d));
                    double e = (double) z[p * 3 + d] - posteriors.mu(i, d);
                    density *= Math.exp(-e * e / (2 * var)) / Math.sqrt(2 * Math.PI * var);
                }
                sum += density;
            }
            assertEquals(Math.log(sum / 40), logQ[p], 1e-9);
        }
    }

    @Test
    void pointCodesGetScottsBandwidth() {
        // Codes at -1 and 1 in z1 and -2, 2 in z2: standard deviations sqrt(4/3) and sqrt(16/3) (N - 1 = 3).
        float[] mu = {-1, -2, 1, 2, -1, 2, 1, -2};
        AggregatePosterior q = AggregatePosterior.of(new LatentModel.Posterior(4, 2, mu, null));
        double factor = Math.pow(4, -1.0 / 6);
        assertArrayEquals(new double[] {Math.sqrt(4.0 / 3) * factor, Math.sqrt(16.0 / 3) * factor}, q.bandwidth(), 1e-6);
        assertTrue(q.describe().contains("Scott"), q.describe());
    }

    @Test
    void theHoleFieldIsFullWhereTheCodesAreAndEmptyElsewhere() {
        AggregatePosterior q = AggregatePosterior.of(Constructed.pointCodes(1000, new float[] {4, 4}, 0.3, 1));
        int n = 10;
        Holes.Field field = Holes.field(q, Viewport.DEFAULT, LatentSlice.firstTwo(2), n);
        assertFalse(field.isHole(0, n - 1), "top right tile, centre (4.5, 4.5), holds the codes");
        assertTrue(field.isHole(n / 2, n / 2), "the prior's mode is far from every code");
        assertTrue(field.isHole(n - 1, 0), "bottom left tile");
        assertTrue(field.log10Ratio(0, n - 1) > 3, "q far above p out where p is small: " + field.log10Ratio(0, n - 1));
    }
}
