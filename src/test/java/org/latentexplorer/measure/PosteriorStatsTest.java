package org.latentexplorer.measure;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.latentexplorer.data.ImageSet;
import org.latentexplorer.model.Bernoulli;
import org.latentexplorer.model.ModelConfig;
import org.latentexplorer.model.Network;
import org.latentexplorer.model.Vae;
import org.latentexplorer.train.Evaluation;

class PosteriorStatsTest {

    @Test
    void klPerDimensionIsTheClosedFormAveragedOverImages() {
        LatentModel.Posterior q = Constructed.randomPosteriors(30, 3, 7);
        PosteriorStats stats = PosteriorStats.of(q, 1);
        for (int d = 0; d < 3; d++) {
            double expected = 0;
            for (int i = 0; i < 30; i++) {
                // KL(N(m, s^2) || N(0, 1)) = log(1 / s) + (s^2 + m^2) / 2 - 1/2
                double s = Math.sqrt(Math.exp(q.logVar(i, d)));
                double m = q.mu(i, d);
                expected += Math.log(1 / s) + (s * s + m * m) / 2 - 0.5;
            }
            assertEquals(expected / 30, stats.klPerDimension()[d], 1e-9, "dimension " + d);
        }
        assertEquals(stats.klPerDimension()[0] + stats.klPerDimension()[1] + stats.klPerDimension()[2], stats.meanKl(), 1e-12);
    }

    @Test
    void aCollapsedDimensionLeavesOneActiveUnit() {
        SplittableRandom rng = new SplittableRandom(3);
        // Dimension 1 informative; dimension 2 the prior, give or take: Var of its mean 0.0025.
        PosteriorStats stats = PosteriorStats.of(Constructed.posteriors(200, 2,
                i -> new float[] {(float) rng.nextGaussian(), (float) (0.05 * rng.nextGaussian())},
                i -> new float[] {-4, 0}), 1);
        assertEquals(1, stats.activeUnits());
        assertTrue(stats.collapsed());
        assertArrayEquals(new int[] {1}, stats.inactiveDimensions());
        assertTrue(stats.klPerDimension()[1] < 0.01, "collapsed dimension's KL " + stats.klPerDimension()[1]);
        assertTrue(stats.klPerDimension()[0] > 1, "informative dimension's KL " + stats.klPerDimension()[0]);
    }

    @Test
    void mutualInformationReachesLogNForSeparatePosteriorsAndNoMore() {
        int n = 64;
        float logVar = (float) Math.log(1e-4);
        // A grid of points 1 apart, each posterior 0.01 wide.
        PosteriorStats stats = PosteriorStats.of(Constructed.posteriors(n, 2, i -> new float[] {i % 8, i / 8},
                i -> new float[] {logVar, logVar}), 2);
        assertEquals(Math.log(n), stats.mutualInformationCeiling(), 1e-12);
        assertTrue(stats.mutualInformation() <= Math.log(n) + 1e-9, "I = " + stats.mutualInformation());
        assertEquals(Math.log(n), stats.mutualInformation(), 1e-3);
        assertFalse(stats.collapsed());
    }

    @Test
    void mutualInformationIsZeroWhenThePosteriorDoesNotDependOnX() {
        PosteriorStats stats = PosteriorStats.of(Constructed.posteriors(100, 2, i -> new float[] {0.7f, -1.5f},
                i -> new float[] {-1, 0.5f}), 3);
        assertEquals(0, stats.mutualInformation(), 1e-9);
        assertEquals(stats.meanKl(), stats.marginalKl(), 1e-9); // all of the KL is the marginal's
        assertEquals(0, stats.activeUnits());
    }

    @Test
    void aPointCodeHasNoPosteriorToMeasure() {
        assertThrows(IllegalArgumentException.class,
                () -> PosteriorStats.of(Constructed.pointCodes(10, new float[2], 1, 1), 1));
    }

    @Test
    void aNetworksMeanKlIsTheKlItsEvaluationReports() {
        ModelConfig config = ModelConfig.of(new Vae(1), 28, 28, List.of(32), 3, Bernoulli.INSTANCE);
        Network network = new Network(config, 9);
        SplittableRandom rng = new SplittableRandom(4);
        byte[] px = new byte[100 * 784];
        for (int i = 0; i < px.length; i++) {
            px[i] = (byte) rng.nextInt(256);
        }
        ImageSet images = new ImageSet("random", 28, 28, px, null);
        PosteriorStats stats = PosteriorStats.of(new NetworkModel(network).encode(NetworkModel.pixels(images), 100), 1);
        assertEquals(Evaluation.terms(network, images).penalty(), stats.meanKl(), 1e-4);
        assertEquals(100, stats.images());
    }
}
