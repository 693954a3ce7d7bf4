package org.latentexplorer.ui.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import javafx.beans.property.SimpleObjectProperty;

import org.junit.jupiter.api.Test;
import org.latentexplorer.data.AssetLocator;
import org.latentexplorer.data.DataShelf;
import org.latentexplorer.explore.DecodeMode;
import org.latentexplorer.explore.LatentSlice;
import org.latentexplorer.explore.LatentSpace;
import org.latentexplorer.explore.TileLattice;
import org.latentexplorer.explore.Viewport;
import org.latentexplorer.measure.AggregatePosterior;
import org.latentexplorer.measure.Continuity;
import org.latentexplorer.measure.LatentModel;
import org.latentexplorer.measure.ModelMetrics;
import org.latentexplorer.measure.Quantiles;
import org.latentexplorer.model.ModelFiles;
import org.latentexplorer.model.Network;
import org.latentexplorer.ui.ExplorerViewModel;
import org.latentexplorer.ui.Shipped;
import org.latentexplorer.ui.grid.GridViewModel;
import org.latentexplorer.ui.session.DirectTasks;
import org.latentexplorer.ui.session.LatentSpaceWorker;
import org.latentexplorer.ui.session.ModelSession;
import org.latentexplorer.ui.session.Notifier;
import org.latentexplorer.ui.session.Tasks;

/** The metrics panel's state for the shipped models: the report, the live continuity and the two fields. */
class MetricsViewModelTest {

    @Test
    void theReportOfTheShippedVaeIsWhatModelMetricsMeasuresOnTheMeasureLane() throws Exception {
        DirectTasks tasks = new DirectTasks();
        ExplorerViewModel vm = Shipped.open(tasks);
        MetricsViewModel.Measured m = vm.metrics().measuredProperty().get();
        assertNotNull(m, vm.metrics().stateProperty().get());
        assertSame(vm.session().model(), m.model());
        assertTrue(tasks.count(Tasks.Lane.FILES) >= 2, "open and data: " + tasks.submitted);
        assertTrue(tasks.count(Tasks.Lane.MEASURE) >= 2, "q(z) and the report, behind no file: " + tasks.submitted);

        Network network = Network.from(ModelFiles.read(vm.session().shippedModel()));
        ModelMetrics.Report direct = ModelMetrics.measure(network, vm.session().dataProperty().get(),
                ModelMetrics.Settings.DEFAULT);

        ModelMetrics.Report r = m.report();
        assertEquals(direct.kind().id(), r.kind().id());
        assertQuantiles(direct.continuity(), r.continuity());
        assertEquals(direct.completeness().completeness(), r.completeness().completeness(), 1e-12);
        assertEquals(direct.completeness().medianDistance(), r.completeness().medianDistance(), 1e-6);
        assertEquals(direct.holes().fraction(), r.holes().fraction(), 1e-12);
        assertEquals(direct.holes().medianRatio(), r.holes().medianRatio(), 1e-6);
        assertArrayEquals(direct.posterior().klPerDimension(), r.posterior().klPerDimension(), 1e-9);
        assertEquals(direct.posterior().activeUnits(), r.posterior().activeUnits());
        assertEquals(direct.posterior().mutualInformation(), r.posterior().mutualInformation(), 1e-6);
        assertEquals(direct.posterior().marginalKl(), r.posterior().marginalKl(), 1e-6);
        assertEquals(direct.bounds().negElbo(), r.bounds().negElbo(), 1e-4);
        assertEquals(direct.bounds().iwaeNll(), r.bounds().iwaeNll(), 1e-4);
        assertEquals(direct.floor().recon(), r.floor().recon(), 1e-4);
        assertEquals(direct.floor().floor(), r.floor().floor(), 1e-9);
        // The README's figures for the shipped VAE.
        assertEquals(0.015, r.holes().fraction(), 0.0005);
        assertEquals(0.902, r.completeness().completeness(), 0.0005);
        assertEquals(5.68, r.posterior().mutualInformation(), 0.005);
        assertEquals(46.06, r.floor().floor(), 0.005);

        // The worst samples' images are their codes decoded.
        assertEquals(ModelMetrics.Settings.DEFAULT.worst(), r.completeness().worst().size());
        float[] z = r.completeness().worst().get(0).z();
        float[] image = new LatentSpace(network).decode(z, DecodeMode.MEAN);
        float[] shown = java.util.Arrays.copyOfRange(m.worstImages(), 0, 28 * 28);
        assertArrayEquals(image, shown, 1e-5f);
        assertEquals("", vm.metrics().stateProperty().get());
    }

    @Test
    void theShippedAutoencoderHasNoKlNoInformationAndNoBounds() {
        ExplorerViewModel vm = Shipped.open();
        vm.session().open(vm.session().shippedModel().resolveSibling("mnist-ae.lvae"));

        ModelMetrics.Report r = vm.metrics().measuredProperty().get().report();
        assertEquals("ae", r.kind().id());
        assertNull(r.posterior(), "no KL, active units or I(x; z) for an autoencoder");
        assertNull(r.bounds(), "no ELBO for an autoencoder");
        assertNotNull(r.floor(), "its reconstruction is a Bernoulli cross-entropy: it has a floor");
        assertTrue(r.qForm().contains("kernel density"), r.qForm());
    }

    @Test
    void aNewModelDropsTheReportAndALateAnswerForTheOldModelIsIgnored() {
        DirectTasks.Queued tasks = new DirectTasks.Queued();
        ExplorerViewModel vm = new ExplorerViewModel(tasks, AssetLocator.fromEnvironment());
        MetricsViewModel metrics = vm.metrics();
        vm.session().open(vm.session().shippedModel());
        tasks.runAll();
        assertEquals("vae", metrics.measuredProperty().get().report().kind().id());

        // The VAE shown again: the report is dropped at once and measured anew, the answer still queued.
        vm.session().open(vm.session().shippedModel());
        assertTrue(tasks.runNext());
        assertNull(metrics.measuredProperty().get(), "a new model shown drops the old report at once");
        assertTrue(tasks.pending() > 0);
        // Before that answer, the autoencoder.
        List<String> seen = new ArrayList<>();
        metrics.measuredProperty().addListener((o, a, b) -> seen.add(b == null ? null : b.report().kind().id()));
        vm.session().open(vm.session().shippedModel().resolveSibling("mnist-ae.lvae"));
        tasks.runAll();

        assertEquals(List.of("ae"), seen, "the VAE's late answer is never shown");
        assertEquals("mnist-ae.lvae", metrics.measuredProperty().get().model().title());
    }

    @Test
    void theLiveContinuityIsContinuityOfTheRenderedMosaicAndFollowsAPan() {
        ExplorerViewModel vm = Shipped.open();
        GridViewModel.RenderedGrid r = vm.grid().renderedProperty().get();
        TileLattice lattice = r.request().lattice();
        double dx = lattice.spanX() / lattice.n();

        MetricsViewModel.LiveContinuity live = vm.metrics().liveProperty().get();
        assertNotNull(live);
        assertQuantiles(Continuity.of(r.mosaic(), dx, lattice.spanY() / lattice.n()), live.quantiles());
        assertEquals(r.tiles(), live.tiles());

        vm.grid().pan(-90, 30, 400, 400);

        GridViewModel.RenderedGrid panned = vm.grid().renderedProperty().get();
        assertFalse(panned.tiles().equals(r.tiles()));
        assertQuantiles(Continuity.of(panned.mosaic(), dx, dx), vm.metrics().liveProperty().get().quantiles());
        assertEquals(panned.tiles(), vm.metrics().liveProperty().get().tiles());

        vm.grid().modeProperty().set(DecodeMode.SAMPLE);
        assertNull(vm.metrics().liveProperty().get(), "draws from p(x|z) are not the decoder's means");
        assertFalse(vm.metrics().liveNoteProperty().get().isEmpty());
    }

    @Test
    void theSteepestTileOfADecoderThatJumpsAtZ1ZeroLiesNextToIt() {
        SimpleObjectProperty<GridViewModel.RenderedGrid> rendered = new SimpleObjectProperty<>();
        DirectTasks tasks = new DirectTasks();
        AssetLocator assets = AssetLocator.fromEnvironment();
        ModelSession session = new ModelSession(tasks, new LatentSpaceWorker(tasks), new Notifier(), assets,
                new DataShelf(assets), null);
        MetricsViewModel metrics = new MetricsViewModel(session, tasks, new Notifier(), rendered);
        // The default lattice of 10 x 10 tiles, with the view panned by a third of a tile: 11 columns drawn.
        TileLattice lattice = TileLattice.anchoredTo(Viewport.DEFAULT, 10);
        Viewport view = new Viewport(-4.7, 5.3, -5, 5);
        TileLattice.Range tiles = lattice.visible(view);
        assertEquals(11, tiles.columns());
        int side = 4;
        int[] argb = new int[tiles.columns() * side * tiles.rows() * side];
        int width = tiles.columns() * side;
        for (int y = 0; y < tiles.rows() * side; y++) {
            for (int x = 0; x < width; x++) {
                double z1 = lattice.centerX(tiles.firstColumn() + x / side);
                int v = z1 < 0 ? 0 : 255;
                argb[y * width + x] = 0xFF000000 | v << 16 | v << 8 | v;
            }
        }
        LatentSpace.Mosaic mosaic = new LatentSpace.Mosaic(tiles.columns(), tiles.rows(), side, side, argb);
        GridViewModel.GridRequest request = new GridViewModel.GridRequest(view, lattice, LatentSlice.firstTwo(2), 10,
                DecodeMode.MEAN, 0);
        rendered.set(new GridViewModel.RenderedGrid(request, tiles, mosaic, tiles.columns() * tiles.rows(), 0,
                GridViewModel.RenderedGrid.continuityOf(request, mosaic)));

        MetricsViewModel.LiveContinuity live = metrics.liveProperty().get();
        int column = live.tiles().firstColumn() + live.seams().steepest()[1];
        assertTrue(Math.abs(lattice.centerX(column)) < lattice.spanX() / lattice.n(),
                "the steepest tile's centre " + lattice.centerX(column) + " is next to z1 = 0");
        // 16 pixels change by 1 over a step of 1: ratio 4, and no other pair changes at all.
        assertEquals(4.0, live.quantiles().max(), 1e-6);
        assertEquals(0.0, live.quantiles().median(), 1e-9);
    }

    @Test
    void theHoleFieldIsAllHolesForCodesInOneFarCornerAndSitsOnTheGridsTiles() {
        int count = 500;
        float[] mu = new float[count * 2];
        java.util.SplittableRandom rng = new java.util.SplittableRandom(3);
        for (int i = 0; i < count; i++) {
            mu[2 * i] = (float) (30 + 0.2 * rng.nextGaussian());
            mu[2 * i + 1] = (float) (-30 + 0.2 * rng.nextGaussian());
        }
        AggregatePosterior far = AggregatePosterior.of(new LatentModel.Posterior(count, 2, mu, null));
        TileLattice lattice = TileLattice.anchoredTo(Viewport.DEFAULT, 20);
        TileLattice.Range tiles = lattice.visible(new Viewport(-5.2, 4.8, -4.9, 5.1));
        LatentSlice plane = LatentSlice.firstTwo(2);

        MetricsViewModel.HoleField f = MetricsViewModel.field(far, lattice, tiles, plane);

        assertEquals(21, f.field().n());
        for (int r = 0; r < f.field().n(); r++) {
            for (int c = 0; c < f.field().n(); c++) {
                assertTrue(f.field().isHole(r, c), "tile " + r + ", " + c);
            }
        }
        // Codes on one tile's centre: that tile is no hole, and it is where the lattice puts it.
        float x = (float) lattice.centerX(3);
        float y = (float) lattice.centerY(-1);
        float[] at = new float[count * 2];
        for (int i = 0; i < count; i++) {
            at[2 * i] = x + (float) (0.01 * rng.nextGaussian());
            at[2 * i + 1] = y + (float) (0.01 * rng.nextGaussian());
        }
        MetricsViewModel.HoleField g = MetricsViewModel.field(
                AggregatePosterior.of(new LatentModel.Posterior(count, 2, at, null)), lattice, tiles, plane);
        assertFalse(g.field().isHole(-1 - g.firstRow(), 3 - g.firstColumn()));
        assertTrue(g.field().isHole(5 - g.firstRow(), 10 - g.firstColumn()));
    }

    @Test
    void theHoleFieldIsComputedOnlyWhileHolesAreShownAndFollowsThePlaneOnScreen() {
        ExplorerViewModel vm = Shipped.open();
        MetricsViewModel metrics = vm.metrics();
        assertNull(metrics.holesProperty().get());

        metrics.showHolesProperty().set(true);

        MetricsViewModel.HoleField f = metrics.holesProperty().get();
        assertNotNull(f);
        GridViewModel.RenderedGrid r = vm.grid().renderedProperty().get();
        assertEquals(r.tiles().firstColumn(), f.firstColumn());
        int holes = 0;
        for (float v : f.field().log10Ratio()) {
            holes += v < -1 ? 1 : 0;
        }
        // The shipped VAE's q(z) covers the prior's middle and leaves the corners of [-5, 5]^2.
        assertTrue(holes > 0 && holes < f.field().log10Ratio().length, holes + " holes");

        vm.grid().zoom(2, 200, 200, 400, 400);
        assertEquals(vm.grid().renderedProperty().get().request().lattice(), metrics.holesProperty().get().lattice());

        metrics.showHolesProperty().set(false);
        assertNull(metrics.holesProperty().get());
    }

    @Test
    void aTrainingIsMeasuredAtMostOncePerEpochAndItsEndMeasuresTheFinalWeights() {
        DirectTasks tasks = new DirectTasks();
        ExplorerViewModel vm = new ExplorerViewModel(tasks, AssetLocator.fromEnvironment());
        vm.metrics().measureDuringTrainingEvery(java.time.Duration.ZERO);
        List<MetricsViewModel.Measured> reports = new ArrayList<>();
        vm.metrics().measuredProperty().addListener((o, a, b) -> {
            if (b != null) {
                reports.add(b);
            }
        });
        var t = trainSmallVae(vm, 2);

        assertFalse(t.isActive());
        // After an epoch (not at the start, whose weights are the initial ones), at most once per
        // epoch: how many of the two epochs are seen apart depends on when the redraws fall.
        List<Integer> epochs = reports.stream().map(MetricsViewModel.Measured::epochs).toList();
        assertTrue(!epochs.isEmpty() && epochs.size() <= 3, epochs + " reported for 2 epochs");
        // Each epoch once, in order; only the last may come twice: the end measures the final weights,
        // which may be those of the last epoch, already measured.
        for (int i = 1; i < epochs.size(); i++) {
            boolean endRepeatsLast = i == epochs.size() - 1 && epochs.get(i).equals(epochs.get(i - 1));
            assertTrue(epochs.get(i) > epochs.get(i - 1) || endRepeatsLast, "an epoch measured twice: " + epochs);
        }
        assertFalse(epochs.contains(0), "the initial weights were measured: " + epochs);
        MetricsViewModel.Measured last = reports.get(reports.size() - 1);
        assertEquals(2, last.epochs());
        assertSame(vm.session().model(), last.model(), "the model the training left");
        ModelMetrics.Report direct = ModelMetrics.measure(Network.from(vm.session().model().saved()),
                vm.session().dataProperty().get(), ModelMetrics.Settings.DEFAULT);
        assertQuantiles(direct.continuity(), last.report().continuity());
        assertEquals(direct.posterior().mutualInformation(), last.report().posterior().mutualInformation(), 1e-6);
        assertEquals("", vm.metrics().stateProperty().get());
    }

    private static void assertQuantiles(Quantiles expected, Quantiles actual) {
        assertEquals(expected.count(), actual.count());
        assertEquals(expected.median(), actual.median(), 1e-9);
        assertEquals(expected.p95(), actual.p95(), 1e-9);
        assertEquals(expected.max(), actual.max(), 1e-9);
    }

    @Test
    void aShortTrainingIsMeasuredAfterItsFirstEpochAndAtItsEndOnly() {
        DirectTasks tasks = new DirectTasks();
        ExplorerViewModel vm = new ExplorerViewModel(tasks, AssetLocator.fromEnvironment());
        List<Integer> epochs = new ArrayList<>();
        vm.metrics().measuredProperty().addListener((o, a, b) -> {
            if (b != null) {
                epochs.add(b.epochs());
            }
        });
        var t = trainSmallVae(vm, 5);

        assertFalse(t.isActive());
        // Five epochs in a few seconds, well within the interval: after the first epoch seen (here,
        // with the tasks run in place, the fifth) and at the end; not the weights the training
        // started from, nor one report per epoch.
        assertFalse(epochs.contains(0), epochs.toString());
        assertTrue(epochs.size() <= 2, epochs.toString());
        assertEquals(5, epochs.get(epochs.size() - 1), epochs.toString());
    }

    @Test
    void aTrainingContinuedIsNotMeasuredBeforeItsFirstEpochAndSaysSo() {
        DirectTasks tasks = new DirectTasks();
        ExplorerViewModel vm = new ExplorerViewModel(tasks, AssetLocator.fromEnvironment());
        trainSmallVae(vm, 2);
        List<Integer> epochs = new ArrayList<>();
        List<String> states = new ArrayList<>();
        vm.metrics().measuredProperty().addListener((o, a, b) -> {
            if (b != null) {
                epochs.add(b.epochs());
            }
        });
        vm.metrics().stateProperty().addListener((o, a, b) -> states.add(b));

        var t = vm.training();
        t.continueCurrentProperty().set(true);
        t.epochsProperty().set(2);
        t.start();
        t.poll();

        assertEquals(4, vm.session().model().history().size());
        assertFalse(epochs.contains(2), "the weights the training started from were measured: " + epochs);
        assertEquals(4, epochs.get(epochs.size() - 1), epochs.toString());
        assertTrue(states.stream().anyMatch(x -> x.startsWith("Measured after the training's first epoch")), states.toString());
    }

    /** Trains a new small VAE on the shipped MNIST for the given epochs, to the end (the tasks run in place). */
    private static org.latentexplorer.ui.training.TrainingViewModel trainSmallVae(ExplorerViewModel vm, int epochs) {
        var t = vm.training();
        t.datasetProperty().set("mnist");
        t.continueCurrentProperty().set(false);
        t.epochsProperty().set(epochs);
        t.hiddenProperty().set("32");
        t.latentProperty().set(2);
        t.batchSizeProperty().set(1000);
        t.start();
        t.poll();
        return t;
    }
}
