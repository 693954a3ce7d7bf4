package org.latentexplorer.measure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
        assertEquals(0.0, q.factor(), "held-out draws of the prior are likeliest under the posteriors unwidened");
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
        double[] logQ = AggregatePosterior.mixture(posteriors).logDensity(z, 2);
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
    void codesDrawnFromOneGaussianGetTheKernelWidthThatSuitsIt() {
        // For n normal codes in 2 dimensions the kernel of least integrated squared error has
        // h = s n^(-1/6), 0.26 s for n = 3,000 (Silverman, 1986, eq. 4.14).
        AggregatePosterior q = AggregatePosterior.of(Constructed.pointCodes(3000, new float[] {0, 0}, 1.0, 4));
        assertTrue(q.factor() >= 0.15 && q.factor() <= 0.3, "factor " + q.factor());
        double[] h = q.bandwidth();
        assertEquals(q.factor(), h[0], 0.05 * q.factor() + 0.01);
        assertTrue(q.describe().contains("held-out likelihood"), q.describe());
    }

    @Test
    void twoTightClustersKeepTheGapBetweenThemAHole() {
        // 1,000 codes near (-1, 0) and 1,000 near (1, 0): the prior's mode lies between them.
        int n = 2000;
        float[] mu = new float[2 * n];
        java.util.SplittableRandom rng = new java.util.SplittableRandom(5);
        for (int i = 0; i < n; i++) {
            mu[2 * i] = (float) ((i % 2 == 0 ? -1 : 1) + 0.05 * rng.nextGaussian());
            mu[2 * i + 1] = (float) (0.05 * rng.nextGaussian());
        }
        AggregatePosterior q = AggregatePosterior.of(new LatentModel.Posterior(n, 2, mu, null));
        assertTrue(q.factor() <= 0.05, "factor " + q.factor());
        float[] points = {0, 0, -1, 0, 1, 0};
        double[] ratio = Holes.logRatio(q, points, 3);
        assertTrue(ratio[0] < Math.log(Holes.RATIO), "the origin, between the clusters: ln q/p " + ratio[0]);
        assertTrue(ratio[1] > 0 && ratio[2] > 0, "the clusters themselves: " + ratio[1] + ", " + ratio[2]);
    }

    @Test
    void narrowPosteriorsFarApartAreWidenedAndWidePosteriorsAreNot() {
        // Posteriors 0.01 wide around centres spread like the prior: held-out draws fall between
        // the components unless they are widened.
        LatentModel.Posterior narrow = Constructed.posteriors(2000, 2,
                i -> new float[] {(float) Math.sin(i * 1.7) * 1.5f, (float) Math.cos(i * 2.3) * 1.5f},
                i -> new float[] {(float) Math.log(1e-4), (float) Math.log(1e-4)});
        assertTrue(AggregatePosterior.of(narrow).factor() > 0, AggregatePosterior.of(narrow).describe());
        LatentModel.Posterior wide = Constructed.randomPosteriors(2000, 2, 6);
        assertEquals(0.0, AggregatePosterior.of(wide).factor(), AggregatePosterior.of(wide).describe());
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
