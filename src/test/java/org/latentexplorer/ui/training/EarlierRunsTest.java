package org.latentexplorer.ui.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.latentexplorer.data.AssetLocator;
import org.latentexplorer.model.ModelKinds;
import org.latentexplorer.train.LossCurve;
import org.latentexplorer.ui.ExplorerViewModel;
import org.latentexplorer.ui.session.DirectTasks;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/** The loss charts keep earlier trainings' curves, labelled with their kind and weight, until cleared. */
class EarlierRunsTest {

    /** One epoch of a small model on the shipped MNIST at the given beta. */
    private static void train(ExplorerViewModel vm, double beta) {
        TrainingViewModel t = vm.training();
        t.datasetProperty().set("mnist");
        t.kindProperty().set(ModelKinds.byId("vae"));
        t.continueCurrentProperty().set(false);
        t.epochsProperty().set(1);
        t.hiddenProperty().set("32");
        t.latentProperty().set(2);
        t.batchSizeProperty().set(1000);
        t.betaProperty().set(beta);
        t.start();
        assertTrue(t.progressTextProperty().get().startsWith("Finished"), t.progressTextProperty().get());
    }

    private static List<TrainingCurves.Point> points(LossCurve c) {
        List<TrainingCurves.Point> out = new ArrayList<>();
        for (int i = 0; i < c.size(); i++) {
            out.add(new TrainingCurves.Point(c.x(i), c.y(i)));
        }
        return out;
    }

    @Test
    void aNewTrainingKeepsTheLastOnesCurvesLabelledWithItsKindAndBeta() {
        ExplorerViewModel vm = new ExplorerViewModel(new DirectTasks(), AssetLocator.fromEnvironment());
        train(vm, 1);
        List<TrainingCurves.Point> firstRecon = points(vm.training().curves().recon());
        List<TrainingCurves.Point> firstKl = points(vm.training().curves().penalty());
        assertEquals(List.of(), vm.training().earlierRuns().runs(), "nothing is earlier while the run is shown");

        train(vm, 4);

        List<EarlierRuns.Run> runs = vm.training().earlierRuns().runs();
        assertEquals(1, runs.size());
        EarlierRuns.Run first = runs.get(0);
        assertEquals("run 1: VAE, \u03b2 = 1", first.title());
        assertEquals(firstRecon, first.recon());
        assertEquals(firstKl, first.penalty());
        assertEquals("kl", first.penaltyKey());
        // The new run's curves are its own, not appended to the earlier one's.
        assertTrue(vm.training().curves().recon().size() <= firstRecon.size() + 1);
        assertTrue(vm.training().curves().recon().x(0) < 1);
    }

    @Test
    void openingAnotherModelMakesTheRunEarlierAndClearForgetsIt() {
        ExplorerViewModel vm = new ExplorerViewModel(new DirectTasks(), AssetLocator.fromEnvironment());
        train(vm, 2);
        vm.session().open(vm.session().shippedModel());

        assertEquals("mnist-vae.lvae", vm.session().model().title());
        assertEquals(0, vm.training().curves().recon().size(), "the opened model shows no train curve of its own");
        assertEquals(List.of("run 1: VAE, \u03b2 = 2"),
                vm.training().earlierRuns().runs().stream().map(EarlierRuns.Run::title).toList());

        // Opening yet another model keeps nothing more: the opened model's history is not a run.
        vm.session().open(vm.session().shippedModel().resolveSibling("mnist-ae.lvae"));
        assertEquals(1, vm.training().earlierRuns().runs().size());

        vm.training().clearEarlierRuns();
        assertEquals(List.of(), vm.training().earlierRuns().runs());
    }

    @Test
    void aBetaChangedDuringARunIsInItsLabel() {
        TrainingCurves c = new TrainingCurves();
        c.addIteration(0.1, 150, 6, 1);
        c.addIteration(0.5, 150, 6, 1);
        c.addIteration(0.6, 150, 5, 3);
        assertEquals("VAE, \u03b2 1 \u2192 3", EarlierRuns.label(ModelKinds.byId("vae"), c.weight()));
        assertEquals("Autoencoder", EarlierRuns.label(ModelKinds.byId("ae"), List.of()));
    }

    // Two runs at the same kind and beta were both labelled "VAE, beta = 1" beside the charts.
    @Test
    void runsOfTheSameKindAndWeightAreToldApartByTheirNumber() {
        EarlierRuns runs = new EarlierRuns();
        TrainingCurves one = new TrainingCurves();
        one.addIteration(0.5, 150, 6, 1);
        TrainingCurves four = new TrainingCurves();
        four.addIteration(0.5, 150, 6, 4);
        runs.keep(ModelKinds.byId("vae"), true, one);
        runs.keep(ModelKinds.byId("vae"), true, four);
        runs.keep(ModelKinds.byId("vae"), true, one);
        assertEquals(List.of("#1 VAE, \u03b2 = 1", "VAE, \u03b2 = 4", "#3 VAE, \u03b2 = 1"),
                runs.runs().stream().map(runs::legendText).toList());
        // Once its older twin is no longer kept, run 3 is its label alone again; runs 2 and 4 are twins now.
        runs.keep(ModelKinds.byId("vae"), true, four);
        assertEquals(List.of("#2 VAE, \u03b2 = 4", "VAE, \u03b2 = 1", "#4 VAE, \u03b2 = 4"),
                runs.runs().stream().map(runs::legendText).toList());
    }

    @Test
    void onlyTheNewestRunsAreKept() {
        EarlierRuns runs = new EarlierRuns();
        TrainingCurves c = new TrainingCurves();
        c.addIteration(0.5, 150, 6, 1);
        for (int i = 0; i < EarlierRuns.MAX_RUNS + 2; i++) {
            runs.keep(ModelKinds.byId("vae"), true, c);
        }
        assertEquals(List.of(3, 4, 5), runs.runs().stream().map(EarlierRuns.Run::number).toList());
    }

    @Test
    void theChartsDrawEarlierRunsFadedBesideTheCurrentOnesAndClearRemovesThem() throws Exception {
        FxToolkit.registerPrimaryStage();
        ExplorerViewModel vm = new ExplorerViewModel(new DirectTasks(), AssetLocator.fromEnvironment());
        ChartsPane charts = WaitForAsyncUtils.asyncFx(() -> {
            ChartsPane p = new ChartsPane(vm.training(), vm.session().modelProperty());
            train(vm, 1);
            train(vm, 4);
            return p;
        }).get(120, TimeUnit.SECONDS);
        assertArrayEquals(new int[] {1, 1}, charts.earlierCurves());
        WaitForAsyncUtils.asyncFx(() -> {
            assertTrue(charts.recon.getData().get(charts.recon.getData().size() - 1).getNode().getStyleClass()
                    .contains("earlier-run"), "the earlier curve is drawn faded");
            assertTrue(charts.reconPoints() > 0, "the current run is drawn too");
            // An autoencoder has no KL: the earlier VAE's KL leaves the penalty chart, its reconstruction stays.
            vm.session().open(vm.session().shippedModel().resolveSibling("mnist-sparse-ae.lvae"));
            assertArrayEquals(new int[] {2, 0}, charts.earlierCurves());
            // Both earlier runs stay faded and dashed, not only the newest (the chart restyles every
            // series when one is added).
            var all = charts.recon.getData();
            for (int i = all.size() - 2; i < all.size(); i++) {
                var classes = all.get(i).getNode().getStyleClass();
                assertTrue(classes.contains("earlier-run") && classes.stream().anyMatch(c -> c.startsWith("earlier-run-")),
                        "earlier curve " + i + " is drawn faded: " + classes);
            }
            charts.clearEarlier.fire();
            assertArrayEquals(new int[] {0, 0}, charts.earlierCurves());
            return null;
        }).get(60, TimeUnit.SECONDS);
    }
}
