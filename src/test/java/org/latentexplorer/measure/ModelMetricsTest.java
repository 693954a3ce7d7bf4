package org.latentexplorer.measure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.latentexplorer.data.DataSplit;
import org.latentexplorer.data.Datasets;
import org.latentexplorer.model.Bernoulli;
import org.latentexplorer.model.LinearAutoencoder;
import org.latentexplorer.model.ModelConfig;
import org.latentexplorer.model.ModelKind;
import org.latentexplorer.model.Network;
import org.latentexplorer.model.PlainAutoencoder;
import org.latentexplorer.model.Vae;

class ModelMetricsTest {
    private static final ModelMetrics.Settings FEW = new ModelMetrics.Settings(200, 1, 3, 5, 20);
    private static DataSplit small;

    @BeforeAll
    static void loadData() throws Exception {
        DataSplit mnist = Datasets.load("mnist");
        small = new DataSplit("mnist", mnist.train().first(400), mnist.test().first(100));
    }

    private static Network untrained(ModelKind kind) {
        return new Network(ModelConfig.of(kind, 28, 28, List.of(32), 2, Bernoulli.INSTANCE), 7);
    }

    @Test
    void aVaeReportsItsPosteriorItsBoundsAndTheFloor() {
        ModelMetrics.Report r = ModelMetrics.measure(untrained(new Vae(1)), small, FEW);
        assertNotNull(r.posterior());
        assertEquals(100, r.posterior().images());
        assertNotNull(r.bounds());
        assertEquals(20, r.bounds().images());
        assertTrue(r.bounds().gap() >= -1, "the IWAE bound is no looser than the ELBO, give or take noise: " + r.bounds());
        assertNotNull(r.floor());
        assertTrue(r.floor().excess() > 0, "an untrained decoder is above the floor: " + r.floor());
        assertEquals(3, r.completeness().worst().size());
        assertTrue(r.completeness().completeness() >= 0 && r.completeness().completeness() <= 1);
        assertTrue(r.holes().fraction() >= 0 && r.holes().fraction() <= 1);
        assertTrue(r.holes().medianRatio() > 0);
        assertTrue(r.qForm().contains("posteriors"), r.qForm());
        assertTrue(r.continuity().max() > 0);
    }

    @Test
    void anAutoencoderReportsNoKlNoBoundsAndItsQIsAKernelDensity() {
        ModelMetrics.Report r = ModelMetrics.measure(untrained(new PlainAutoencoder()), small, FEW);
        assertNull(r.posterior());
        assertNull(r.bounds());
        assertNotNull(r.floor(), "its reconstruction term is a Bernoulli cross-entropy too");
        assertTrue(r.qForm().contains("kernel density"), r.qForm());
    }

    @Test
    void aSquaredErrorHasNoFloor() {
        ModelMetrics.Report r = ModelMetrics.measure(untrained(new LinearAutoencoder()), small, FEW);
        assertNull(r.floor());
        assertNull(r.posterior());
    }

    @Test
    void imagesOfAnotherSizeAreRefusedNamingBothSizes() {
        Network network = new Network(ModelConfig.of(new Vae(1), 14, 14, List.of(8), 2, Bernoulli.INSTANCE), 1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ModelMetrics.measure(network, small, FEW));
        assertTrue(e.getMessage().contains("28 x 28") && e.getMessage().contains("14 x 14"), e.getMessage());
    }

    @Test
    void noSamplesIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ModelMetrics.Settings.DEFAULT.withSamples(0));
        assertTrue(e.getMessage().contains("prior samples"), e.getMessage());
    }

    /** The window makes q(z) once for its hole overlay and its report: the report is the one made from scratch. */
    @Test
    void aReportFromABasisMadeBeforeIsTheReportMadeFromScratchAndLeavesTheBasisUsable() {
        Network network = untrained(new Vae(1));
        ModelMetrics.Report fresh = ModelMetrics.measure(network, small, FEW);
        ModelMetrics.Basis basis = ModelMetrics.Basis.of(network, small);
        ModelMetrics.Report r = ModelMetrics.measure(network, small, basis, FEW);
        assertEquals(fresh.continuity(), r.continuity());
        assertEquals(fresh.completeness().completeness(), r.completeness().completeness());
        assertTrue(java.util.Arrays.equals(fresh.completeness().distances(), r.completeness().distances()));
        assertEquals(fresh.holes(), r.holes());
        assertEquals(fresh.qForm(), r.qForm());
        assertEquals(fresh.bounds(), r.bounds());
        assertEquals(fresh.floor(), r.floor());
        assertEquals(fresh.holes(), ModelMetrics.measure(network, small, basis, FEW).holes(), "q(z) is still there");
        basis.q().release();
    }
}
